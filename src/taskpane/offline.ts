/**
 * Offline use of the standalone page: a production build ships a service worker (sw.js, made by
 * Workbox at build time) that precaches this page and its code, so finance staff who opened the
 * page once can open it and run workbooks without a connection. Only the standalone page
 * registers it: inside Excel, Office decides what is cached.
 *
 * Updates: the browser checks sw.js at every page load; a new build's worker takes over at once
 * (skipWaiting), so a deployment reaches a user at their next load after it.
 */
export interface OfflineEnvironment {
  production: boolean;
  location: Pick<Location, "protocol" | "hostname" | "href">;
  serviceWorker?: Pick<ServiceWorkerContainer, "register">;
}

/** Service workers need a secure context: HTTPS, or the local machine. */
function secureOrigin(loc: OfflineEnvironment["location"]): boolean {
  return loc.protocol === "https:" || loc.hostname === "localhost" || loc.hostname === "127.0.0.1";
}

/** Registers sw.js beside the page; resolves to whether the page is now cached for offline use. */
export async function enableOfflineUse(env: OfflineEnvironment = browserEnvironment()): Promise<boolean> {
  if (!env.production || !env.serviceWorker || !secureOrigin(env.location)) return false;
  try {
    await env.serviceWorker.register(new URL("sw.js", env.location.href).href);
    return true;
  } catch (e) {
    // Not fatal: the page works online as before. Shown in the console for whoever deploys it.
    console.warn("TierPlan: offline cache not available:", e);
    return false;
  }
}

function browserEnvironment(): OfflineEnvironment {
  return {
    production: process.env.NODE_ENV === "production",
    location: window.location,
    serviceWorker: typeof navigator !== "undefined" && "serviceWorker" in navigator ? navigator.serviceWorker : undefined,
  };
}
