/** Formats a number of seconds as its two largest units: "13d 4h", "2h 5m", "3m 20s", "45s". */
export function formatDuration(totalSeconds: number): string {
  const s = Math.max(0, Math.ceil(totalSeconds));
  const units: [string, number][] = [
    ["d", Math.floor(s / 86_400)],
    ["h", Math.floor((s % 86_400) / 3_600)],
    ["m", Math.floor((s % 3_600) / 60)],
    ["s", s % 60],
  ];
  const first = units.findIndex(([, n]) => n > 0);
  if (first === -1) return "0s";
  return units
    .slice(first, first + 2)
    .filter(([, n]) => n > 0)
    .map(([unit, n]) => `${n}${unit}`)
    .join(" ");
}
