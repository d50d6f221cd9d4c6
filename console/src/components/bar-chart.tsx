import { useEffect, useRef } from 'preact/hooks';
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from 'chart.js';
import type { CurrencyChart } from '../finance';
import { money } from '../format';
import { TableScroll } from './common';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);

/** Colour-blind-safe palette (Okabe–Ito), each with enough contrast on white. */
const COLOURS = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000'];

/**
 * Refunds of one currency by day, stacked by series. The canvas is a picture; the same numbers
 * are in a table beside it for screen readers (and for anyone who wants the figures).
 */
export function BarChart({ chart }: { chart: CurrencyChart }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const digits = fractionDigits(chart.currency);

  useEffect(() => {
    const drawn = new Chart(canvas.current!, {
      type: 'bar',
      data: {
        labels: chart.days.map((day) => day.slice(5)),
        datasets: chart.series.map((line, i) => ({
          label: line.name,
          data: line.values.map((minor) => minor / 10 ** digits),
          backgroundColor: COLOURS[i % COLOURS.length],
        })),
      },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, title: { display: true, text: chart.currency } } },
        plugins: {
          legend: { position: 'bottom' },
          tooltip: { callbacks: { label: (item) => `${item.dataset.label}: ${money(Math.round(Number(item.raw) * 10 ** digits), chart.currency)}` } },
        },
      },
    });
    return () => drawn.destroy();
  }, [chart]);

  const id = `chart-${chart.currency}`;
  return (
    <figure class="chart" data-testid={id} data-currency={chart.currency} data-total={chart.total} data-count={chart.count}>
      <figcaption id={`${id}-caption`}>
        <strong>{chart.currency}</strong>: {chart.count} {chart.count === 1 ? 'refund' : 'refunds'}, total <span data-testid="chart-total">{money(chart.total, chart.currency)}</span>
      </figcaption>
      <div class="chart-canvas">
        <canvas ref={canvas} role="img" aria-labelledby={`${id}-caption`} />
      </div>
      <details>
        <summary>Figures by day</summary>
        <TableScroll label={`Refunds in ${chart.currency} by day`}>
          <table>
            <thead><tr><th scope="col">Day</th>{chart.series.map((line) => <th scope="col" key={line.name} class="num">{line.name}</th>)}</tr></thead>
            <tbody>
              {chart.days.map((day, i) => chart.series.some((line) => line.values[i] !== 0) ? (
                <tr key={day}><th scope="row">{day}</th>{chart.series.map((line) => <td key={line.name} class="num">{money(line.values[i], chart.currency)}</td>)}</tr>
              ) : null)}
            </tbody>
          </table>
        </TableScroll>
      </details>
    </figure>
  );
}

function fractionDigits(currency: string): number {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}
