/** `process` for the browser bundle: only what compiler code may touch at run time. */
export const process = { cwd: () => '/', env: {} as Record<string, string | undefined>, platform: 'browser' };
