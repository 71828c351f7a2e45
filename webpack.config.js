 
/**
 * webpack 5 build for the TierPlan task-pane add-in.
 *
 *   npx webpack --mode production     → dist/ (hashed names, no certificates needed)
 *   npx webpack serve --mode development → https://localhost:3000 with Office dev certificates
 *
 * Set TIERPLAN_PUBLIC_URL (e.g. https://tierplan.example.com) for a production build to rewrite
 * https://localhost:3000 in the copied dist/manifest.xml; the source manifest is left untouched.
 */
"use strict";

const path = require("node:path");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CopyWebpackPlugin = require("copy-webpack-plugin");

const DEV_ORIGIN = "https://localhost:3000";
const DEV_PORT = Number(process.env.npm_package_config_dev_server_port) || 3000;
const TASKPANE_BUDGET = 500 * 1024; // 500 KiB, minified, initial JS of the task pane

/** Office dev certificates, loaded only for `webpack serve` (a build needs none). */
async function devServerHttpsOptions() {
  const devCerts = require("office-addin-dev-certs");
  return devCerts.getHttpsServerOptions();
}

module.exports = async (env = {}, argv = {}) => {
  const mode = argv.mode || process.env.NODE_ENV || "production";
  const dev = mode === "development";
  const serving = Boolean(env.WEBPACK_SERVE || process.env.WEBPACK_SERVE);
  const publicUrl = (process.env.TIERPLAN_PUBLIC_URL || "").replace(/\/+$/, "");

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
      }),
      new HtmlWebpackPlugin({
        filename: "commands.html",
        template: "./src/commands/commands.html",
        chunks: ["commands"],
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/*", to: "assets/[name][ext]" },
          {
            from: "manifest.xml",
            to: "[name][ext]",
            transform(content) {
              if (dev || !publicUrl) return content;
              return content.toString().split(DEV_ORIGIN).join(publicUrl);
            },
          },
        ],
      }),
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
      headers: { "Access-Control-Allow-Origin": "*" },
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
