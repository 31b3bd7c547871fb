/** Types of scripts/schema-documents.mjs, for the TypeScript that imports it (its test). */
export declare const VENDOR_DIR: string;
export declare const DOCUMENTS_PATH: string;
/** The text of src/schema/vendor/documents.ts for the files now in `vendorDir` (default: src/schema/vendor). */
export declare function documentsModule(vendorDir?: string): string;
