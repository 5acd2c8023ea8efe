import type * as Vega from "vega";
import type * as VegaLite from "vega-lite/build/index";

/** One point of the chart: how long an operation took on a stack of `n` resources. */
export interface ChartPoint {
  n: number;
  seconds: number;
  operation: string;
  subject: string;
}

// vega and vega-lite are ES modules, and vega-lite awaits at its top level, so `require` cannot load them;
// TypeScript compiles `import()` to `require` in a CommonJS build, hence an `import()` it does not see.
const importModule = new Function("specifier", "return import(specifier)") as <T>(specifier: string) => Promise<T>;

/**
 * Draws the wall time of each operation against N, one panel per operation, the no-op floor and
 * `PhoneNumber` as two lines on log–log axes (a straight line of slope 1 is linear growth, 2 quadratic).
 * Returns the SVG text.
 */
export async function renderTimeChart(points: readonly ChartPoint[], title: string): Promise<string> {
  const vegaLite = await importModule<typeof VegaLite>("vega-lite");
  const vega = await importModule<typeof Vega>("vega");
  const spec: VegaLite.TopLevelSpec = {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title,
    data: { values: points.map((p) => ({ ...p })) },
    facet: { field: "operation", type: "nominal", title: null, sort: ["up", "preview", "refresh", "destroy"] },
    columns: 2,
    resolve: { scale: { y: "independent" } },
    spec: {
      width: 260,
      height: 180,
      mark: { type: "line", point: true },
      encoding: {
        x: { field: "n", type: "quantitative", scale: { type: "log" }, title: "N (resources in the stack)" },
        y: { field: "seconds", type: "quantitative", scale: { type: "log" }, title: "seconds" },
        color: { field: "subject", type: "nominal", title: null, legend: { orient: "bottom", labelLimit: 0 } },
      },
    },
  };
  const view = new vega.View(vega.parse(vegaLite.compile(spec).spec), { renderer: "none" });
  return `${await view.toSVG()}\n`;
}
