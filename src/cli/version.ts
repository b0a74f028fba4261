// The package's version, for `gradlab --version`: written in at build time by the CLI entry of
// tsup.config.ts from package.json, so start-up reads no file for it.
declare const GRADLAB_VERSION: string;

export const VERSION: string = GRADLAB_VERSION;
