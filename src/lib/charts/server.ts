/** A DOM for Plot at build time (prerender): linkedom, ~20 ms a chart, text escaped. */
import { parseHTML } from 'linkedom';

export function serverDocument(): Document {
	return parseHTML('<!doctype html><html><body></body></html>').document as unknown as Document;
}
