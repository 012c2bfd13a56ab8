export declare const CODE_SERVER_VERSION: string;
export declare function codeServerDir(): string;
export declare function entryOf(dir: string): string;
export declare function ensureCodeServer(log?: (line: string) => void): string;
