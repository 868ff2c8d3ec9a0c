// Bundles the API server into dist/main.mjs: our workspace packages (TypeScript source) compiled
// in, third-party packages left to node_modules. A bundled instance boots without compiling
// TypeScript on the fly, so one the supervisor restarts answers again in about a second
// (`node --import tsx src/main.ts` takes two to three times as long on two cores).
// dist/ sits as deep as packages/*/src, so paths the bundled packages derive from
// import.meta.url (config's repoRoot) resolve exactly as they do from their sources.
import { build } from "esbuild";

await build({
  entryPoints: ["src/main.ts"],
  outfile: "dist/main.mjs",
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  sourcemap: true,
  logLevel: "warning",
  plugins: [
    {
      name: "third-party-external",
      setup(b) {
        b.onResolve({ filter: /^[^./]/ }, (args) => (args.path.startsWith("@hivemind/") ? undefined : { path: args.path, external: true }));
      },
    },
  ],
});
