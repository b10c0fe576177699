/**
 * Chart downloads: a standalone SVG (title, subtitle, legend and source baked in, styles
 * inline), a PNG rendered from it at 2x, and the CSV of exactly the rows behind the chart.
 */
import { toCsv, type CsvValue } from '../csv';
import { FONT, type LegendItem } from './theme';

export interface ExportText {
	title: string;
	subtitle?: string;
	source: string;
	coverage?: string;
	legend?: LegendItem[];
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function wrap(text: string, max: number): string[] {
	const words = text.split(/\s+/);
	const lines: string[] = [];
	let line = '';
	for (const w of words) {
		if ((line + ' ' + w).trim().length > max && line) {
			lines.push(line);
			line = w;
		} else line = (line + ' ' + w).trim();
	}
	if (line) lines.push(line);
	return lines;
}

/** The chart's SVG markup wrapped with its title, subtitle, legend and source: one file. */
export function standaloneSvg(chartSvg: string, t: ExportText): string {
	const w = Number(/\bwidth="(\d+(?:\.\d+)?)"/.exec(chartSvg)?.[1] ?? 760);
	const h = Number(/\bheight="(\d+(?:\.\d+)?)"/.exec(chartSvg)?.[1] ?? 400);
	const pad = 16;
	const chars = Math.floor((w - 2 * pad) / 8.5);
	const title = wrap(t.title, Math.floor((w - 2 * pad) / 10));
	const sub = t.subtitle ? wrap(t.subtitle, chars) : [];
	const out: string[] = [];
	let y = pad + 18;
	for (const l of title) {
		out.push(`<text x="${pad}" y="${y}" font-size="18" font-weight="700">${esc(l)}</text>`);
		y += 24;
	}
	for (const l of sub) {
		out.push(`<text x="${pad}" y="${y}" font-size="14" fill="#3D3D3D">${esc(l)}</text>`);
		y += 19;
	}
	if (t.legend?.length) {
		let x = pad;
		y += 6;
		for (const item of t.legend) {
			out.push(`<rect x="${x}" y="${y - 11}" width="14" height="14" fill="${esc(item.colour)}"/>`);
			out.push(`<text x="${x + 20}" y="${y}" font-size="13">${esc(item.mark ? `${item.mark} ${item.label}` : item.label)}</text>`);
			x += 34 + (item.label.length + (item.mark ? item.mark.length + 1 : 0)) * 7.2;
		}
		y += 12;
	}
	const chartTop = y + 6;
	const body = chartSvg.replace(/^<svg\b/, `<svg x="0" y="${chartTop}"`);
	let fy = chartTop + h + 22;
	const foot: string[] = [];
	for (const l of [...(t.coverage ? wrap(t.coverage, chars + 10) : []), ...wrap(t.source, chars + 10)]) {
		foot.push(`<text x="${pad}" y="${fy}" font-size="12" fill="#3D3D3D">${esc(l)}</text>`);
		fy += 16;
	}
	const total = fy + pad;
	return [
		'<?xml version="1.0" encoding="UTF-8"?>',
		`<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${w}" height="${total}" viewBox="0 0 ${w} ${total}" font-family='${FONT}' fill="#0b0c0c">`,
		`<rect width="100%" height="100%" fill="white"/>`,
		...out,
		body.includes('xmlns=') ? body : body.replace(/^<svg\b/, '<svg xmlns="http://www.w3.org/2000/svg"'),
		...foot,
		'</svg>'
	].join('\n');
}

export function saveBlob(blob: Blob, filename: string) {
	const url = URL.createObjectURL(blob);
	const a = document.createElement('a');
	a.href = url;
	a.download = filename;
	a.rel = 'noopener';
	document.body.appendChild(a);
	a.click();
	a.remove();
	setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function svgBlob(svg: string): Blob {
	return new Blob([svg], { type: 'image/svg+xml;charset=utf-8' });
}

/** Rasterise the standalone SVG at `scale` (2x by default). */
export async function pngBlob(svg: string, scale = 2): Promise<Blob> {
	const w = Number(/\bwidth="(\d+(?:\.\d+)?)"/.exec(svg.slice(svg.indexOf('<svg')))?.[1] ?? 760);
	const h = Number(/\bheight="(\d+(?:\.\d+)?)"/.exec(svg.slice(svg.indexOf('<svg')))?.[1] ?? 400);
	const url = URL.createObjectURL(svgBlob(svg));
	try {
		const img = new Image();
		img.decoding = 'sync';
		await new Promise<void>((resolve, reject) => {
			img.onload = () => resolve();
			img.onerror = () => reject(new Error('the chart could not be drawn as an image'));
			img.src = url;
		});
		const canvas = document.createElement('canvas');
		canvas.width = Math.ceil(w * scale);
		canvas.height = Math.ceil(h * scale);
		const ctx = canvas.getContext('2d');
		if (!ctx) throw new Error('this browser cannot draw images');
		ctx.fillStyle = 'white';
		ctx.fillRect(0, 0, canvas.width, canvas.height);
		ctx.scale(scale, scale);
		ctx.drawImage(img, 0, 0, w, h);
		return await new Promise<Blob>((resolve, reject) =>
			canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('PNG encoding failed'))), 'image/png')
		);
	} finally {
		URL.revokeObjectURL(url);
	}
}

export interface CsvColumn<R> {
	key: keyof R & string;
	label: string;
	format?: (value: R[keyof R], row: R) => string;
}

export function csvBlob<R>(columns: CsvColumn<R>[], rows: R[]): Blob {
	const records = rows.map((r) => Object.fromEntries(columns.map((c) => [c.key, r[c.key] as CsvValue])));
	return new Blob(
		[
			toCsv(
				columns.map((c) => c.key),
				records
			)
		],
		{ type: 'text/csv;charset=utf-8' }
	);
}
