/**
 * A text file's bytes -> its text. UTF-8 unless a byte order mark says UTF-16 (little- or
 * big-endian: what Windows tools such as Notepad and Excel's "Unicode text" write); a UTF-8 BOM
 * is dropped. Without a BOM, UTF-16 cannot be told from binary data, and is left to be refused
 * as binary. Shared by the data room's reading step (import/prepare.ts) and the CLI
 * (scripts/lib/read-document.ts), so both read a file the same way.
 */
export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be';

/** The encoding the file's byte order mark declares, or null when it has none. */
export function bomEncoding(head: Uint8Array): TextEncoding | null {
	if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8';
	if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
	if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
	return null;
}

/** The text, the BOM removed; bytes that are not valid in the encoding become U+FFFD. */
export function decodeText(bytes: Uint8Array): { text: string; encoding: TextEncoding } {
	const encoding = bomEncoding(bytes) ?? 'utf-8';
	// TextDecoder removes the BOM of its own encoding (ignoreBOM is false by default)
	return { text: new TextDecoder(encoding).decode(bytes), encoding };
}
