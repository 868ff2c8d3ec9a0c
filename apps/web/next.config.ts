import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Internal packages export TypeScript source; Next compiles them.
  transpilePackages: ["@hivemind/core", "@hivemind/config", "@hivemind/db", "@hivemind/log", "@hivemind/queue", "@hivemind/cache", "@hivemind/listings", "@hivemind/coord"],
  // Native or Node-only libraries stay out of the bundle.
  serverExternalPackages: ["@prisma/client", "@prisma/adapter-pg", "pg", "pino", "@node-rs/argon2", "kafkajs", "cassandra-driver", "ioredis", "node-zookeeper-client"],
  poweredByHeader: false,
  typescript: { ignoreBuildErrors: false },
};

export default nextConfig;
