import { enableOfflineUse, type OfflineEnvironment } from "../../src/taskpane/offline";

function env(over: Partial<OfflineEnvironment> & { href?: string } = {}) {
  const href = over.href ?? "https://tierplan.example.com/addin/taskpane.html";
  const url = new URL(href);
  const registered: string[] = [];
  const e: OfflineEnvironment = {
    production: true,
    location: { protocol: url.protocol, hostname: url.hostname, href },
    serviceWorker: {
      register: async (u: string | URL) => {
        registered.push(String(u));
        return {} as ServiceWorkerRegistration;
      },
    },
    ...over,
  };
  return { e, registered };
}

describe("offline use of the standalone page", () => {
  it("registers sw.js beside the page on an HTTPS deployment", async () => {
    const { e, registered } = env();
    await expect(enableOfflineUse(e)).resolves.toBe(true);
    expect(registered).toEqual(["https://tierplan.example.com/addin/sw.js"]);
  });

  it("registers on the local machine over http (a secure context)", async () => {
    const { e, registered } = env({ href: "http://127.0.0.1:8080/taskpane.html" });
    await expect(enableOfflineUse(e)).resolves.toBe(true);
    expect(registered).toEqual(["http://127.0.0.1:8080/sw.js"]);
  });

  it("does nothing on plain http elsewhere, in development builds, or without service workers", async () => {
    const plain = env({ href: "http://intranet.example.com/taskpane.html" });
    await expect(enableOfflineUse(plain.e)).resolves.toBe(false);
    expect(plain.registered).toEqual([]);
    const dev = env({ production: false });
    await expect(enableOfflineUse(dev.e)).resolves.toBe(false);
    expect(dev.registered).toEqual([]);
    await expect(enableOfflineUse({ ...env().e, serviceWorker: undefined })).resolves.toBe(false);
  });

  it("reports a failed registration as not cached, without throwing", async () => {
    const warn = jest.spyOn(console, "warn").mockImplementation(() => undefined);
    const { e } = env();
    e.serviceWorker = { register: () => Promise.reject(new Error("SecurityError")) };
    await expect(enableOfflineUse(e)).resolves.toBe(false);
    expect(warn).toHaveBeenCalled();
    warn.mockRestore();
  });
});
