/** Arrow result -> plain rows. Lists become arrays; BigInt is refused (cast in SQL instead). */

interface ArrowLike {
	toArray(): { toJSON(): Record<string, unknown> }[];
}

function plain(v: unknown, column: string): unknown {
	if (typeof v === 'bigint') {
		throw new TypeError(`column ${column} came back as BigInt: cast it in SQL (::INTEGER or ::DOUBLE)`);
	}
	if (v && typeof v === 'object' && 'toArray' in v && typeof (v as { toArray: unknown }).toArray === 'function') {
		return Array.from((v as { toArray(): unknown[] }).toArray(), (x) => plain(x, column));
	}
	return v;
}

export function arrowRows<T>(table: ArrowLike): T[] {
	return table.toArray().map((r) => {
		const o = r.toJSON();
		for (const k of Object.keys(o)) o[k] = plain(o[k], k);
		return o as T;
	});
}
