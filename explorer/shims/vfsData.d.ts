/** The project's data files embedded by the explorer build (scripts/notebooks/explorer.ts): virtual path → text. */
declare module "nudump-vfs-data" {
  const files: Readonly<Record<string, string>>;
  export default files;
}
