import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Internal packages export TypeScript source; Next compiles them.
  transpilePackages: ["@hivemind/core", "@hivemind/config", "@hivemind/coord", "@hivemind/db", "@hivemind/log", "@hivemind/accounts", "@hivemind/domain", "@hivemind/present", "@hivemind/cache", "@hivemind/listings"],
  // Native or Node-only libraries stay out of the bundle.
  serverExternalPackages: ["@prisma/client", "@prisma/adapter-pg", "pg", "pino", "@node-rs/argon2", "kafkajs", "cassandra-driver", "ioredis", "node-zookeeper-client", "rate-limiter-flexible", "node-pg-migrate"],
  poweredByHeader: false,
  // nginx gzips what it sends (and asks the page instances for identity bytes), so Next.js's own
  // compression middleware would only wrap every response to decide not to compress it.
  compress: false,
  // The build type-checks the app only; tests are checked by `tsc -p .`.
  typescript: { ignoreBuildErrors: false, tsconfigPath: "tsconfig.next.json" },
  // The workspace is ESM TypeScript: imports name `./x.js` for `./x.ts`.
  // Turbopack (Next 16's default) cannot map that yet (vercel/next.js#82945),
  // so builds run on webpack (`next build --webpack`) with this alias.
  // `new URL("…", import.meta.url)` in server code names directories at run
  // time (migrations); it is not an asset for webpack to bundle.
  webpack(config: { resolve: { extensionAlias?: Record<string, string[]> }; module: { parser?: Record<string, Record<string, unknown>> } }) {
    config.resolve.extensionAlias = { ".js": [".ts", ".tsx", ".js"], ".mjs": [".mts", ".mjs"] };
    config.module.parser = { ...config.module.parser, javascript: { ...config.module.parser?.javascript, url: false } };
    return config;
  },
};

export default nextConfig;
