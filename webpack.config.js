 
/**
 * webpack 5 build for the TierPlan task-pane add-in.
 *
 *   npx webpack --mode production     → dist/ (hashed names, no certificates needed)
 *   npx webpack serve --mode development → https://localhost:3000 with Office dev certificates
 *
 * Deployment: `ADDIN_URL=https://tierplan.example.com/addin npm run build` writes a production
 * dist/manifest.xml whose every URL points at that address (the source manifest is untouched);
 * host dist/ there. (TIERPLAN_PUBLIC_URL is the older name of the same setting.)
 *
 * Every page carries the Content-Security-Policy of scripts/csp.js; production builds add a
 * service worker (Workbox) that precaches the page so the standalone mode works offline.
 */
"use strict";

const path = require("node:path");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const { contentSecurityPolicy } = require("./scripts/csp");
const { addinPublicUrl, productionManifest } = require("./scripts/addin-url");

const DEV_PORT = Number(process.env.npm_package_config_dev_server_port) || 3000;
const TASKPANE_BUDGET = 500 * 1024; // 500 KiB, minified, initial JS of the task pane

/** Workbox precache of the task pane, so the standalone page opens and runs offline once loaded. */
function offlineCache() {
  const { GenerateSW } = require("workbox-webpack-plugin");
  return new GenerateSW({
    swDest: "sw.js",
    mode: "production",
    sourcemap: false,
    inlineWorkboxRuntime: true,
    // A new version takes over at the next load instead of waiting for every tab to close.
    clientsClaim: true,
    skipWaiting: true,
    cleanupOutdatedCaches: true,
    // The ribbon command page and the manifest are Office's business, not the offline page's.
    exclude: [/^commands/, /manifest\.xml$/, /\.map$/],
    maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
  });
}

/** Office dev certificates, loaded only for `webpack serve` (a build needs none). */
async function devServerHttpsOptions() {
  const devCerts = require("office-addin-dev-certs");
  return devCerts.getHttpsServerOptions();
}

module.exports = async (env = {}, argv = {}) => {
  const mode = argv.mode || process.env.NODE_ENV || "production";
  const dev = mode === "development";
  const serving = Boolean(env.WEBPACK_SERVE || process.env.WEBPACK_SERVE);
  const publicUrl = addinPublicUrl(process.env);
  // Placed by each page's template as the first tag of <head>, before office.js loads.
  const csp = contentSecurityPolicy({ dev });

  /** @type {import('webpack').Configuration} */
  const config = {
    mode,
    target: "web",
    devtool: dev ? "source-map" : false,
    context: __dirname,
    entry: {
      taskpane: "./src/taskpane/index.tsx",
      commands: "./src/commands/commands.ts",
    },
    output: {
      path: path.resolve(__dirname, "dist"),
      filename: dev ? "[name].js" : "[name].[contenthash:8].js",
      chunkFilename: dev ? "[name].chunk.js" : "[name].[contenthash:8].chunk.js",
      assetModuleFilename: "assets/[name].[contenthash:8][ext]",
      clean: true,
    },
    resolve: {
      extensions: [".ts", ".tsx", ".js"],
      // Node built-ins have no browser build; code that reaches them must not run in the pane.
      fallback: {
        fs: false,
        path: false,
        stream: false,
        crypto: false,
      },
    },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: {
            loader: "ts-loader",
            options: {
              transpileOnly: true,
              configFile: path.resolve(__dirname, "tsconfig.json"),
              // tsconfig.json is for type-checking (noEmit); webpack needs ES modules emitted
              // so that tree shaking works (a CommonJS build was 17 MiB instead of 280 KiB).
              compilerOptions: { noEmit: false, module: "esnext", sourceMap: dev },
            },
          },
        },
      ],
    },
    plugins: [
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./src/taskpane/taskpane.html",
        chunks: ["taskpane"],
        csp,
      }),
      new HtmlWebpackPlugin({
        filename: "commands.html",
        template: "./src/commands/commands.html",
        chunks: ["commands"],
        csp,
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/*", to: "assets/[name][ext]" },
          {
            from: "manifest.xml",
            to: "[name][ext]",
            transform(content) {
              if (dev || !publicUrl) return content;
              return productionManifest(content.toString(), publicUrl);
            },
          },
        ],
      }),
      ...(dev ? [] : [offlineCache()]),
    ],
    performance: dev
      ? false
      : {
          hints: "warning",
          maxEntrypointSize: TASKPANE_BUDGET,
          maxAssetSize: TASKPANE_BUDGET,
          assetFilter: (file) => file.endsWith(".js"),
        },
    devServer: {
      port: DEV_PORT,
      headers: { "Access-Control-Allow-Origin": "*", "Content-Security-Policy": contentSecurityPolicy({ dev: true }) },
      static: false,
      hot: true,
      client: { overlay: { errors: true, warnings: false } },
    },
  };

  if (serving) {
    config.devServer.server = { type: "https", options: await devServerHttpsOptions() };
  }

  return config;
};
