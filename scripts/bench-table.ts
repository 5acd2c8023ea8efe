/** A Markdown table. */
export function table(header: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  const line = (cells: readonly (string | number)[]) => `| ${cells.join(" | ")} |`;
  return [line(header), line(header.map(() => "---")), ...rows.map(line)].join("\n");
}

export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}

export function times(ratio: number): string {
  return `${ratio.toFixed(2)}×`;
}

export function bytes(count: number): string {
  if (count < 10_000) return `${count.toLocaleString("en-US")} B`;
  return count < 10 * 2 ** 20 ? `${Math.round(count / 1024).toLocaleString("en-US")} KB` : `${(count / 2 ** 20).toFixed(1)} MB`;
}

export function verdict(met: boolean): string {
  return met ? "yes" : "**no**";
}
