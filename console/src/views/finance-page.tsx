import { useState } from 'preact/hooks';
import type { Access } from '../access';
import { getJson, query, type ApiError } from '../api';
import { BarChart } from '../components/bar-chart';
import { DownloadButton, ErrorNote, Json, TableScroll } from '../components/common';
import {
  chartsFor, GROUP_BY, ledgerPath, OUTSTANDING_PATH, report, reportPath, SERIES, wholeLedger,
  type GroupBy, type LedgerPage, type Outstanding, type Series, type Totals,
} from '../finance';
import { addDays, money, time, today } from '../format';
import { asApiError, usePoll } from '../poll';
import { orderHref } from '../route';

const CSV = 'text/csv';

/** Finance: the refund report and its chart, the ledger, what is still owed, reconciliation. */
export function FinancePage({ access }: { access: Access }) {
  const [to, setTo] = useState(today());
  const [from, setFrom] = useState(addDays(today(), -30));
  const [groupBy, setGroupBy] = useState<GroupBy>('day');
  const [series, setSeries] = useState<Series>('none');
  const periodOk = /^\d{4}-\d{2}-\d{2}$/.test(from) && /^\d{4}-\d{2}-\d{2}$/.test(to) && from <= to;

  return (
    <>
      <h1>Refunds</h1>
      <form class="panel filters" onSubmit={(event) => event.preventDefault()} aria-label="Period and grouping">
        <label>From (UTC day)<input type="date" name="from" value={from} onInput={(e) => setFrom((e.target as HTMLInputElement).value)} /></label>
        <label>To (UTC day)<input type="date" name="to" value={to} onInput={(e) => setTo((e.target as HTMLInputElement).value)} /></label>
        <label>Table grouped by
          <select name="groupBy" value={groupBy} onChange={(e) => setGroupBy((e.target as HTMLSelectElement).value as GroupBy)}>
            {GROUP_BY.map((value) => <option key={value} value={value}>{value}</option>)}
          </select>
        </label>
        <label>Chart series
          <select name="series" value={series} onChange={(e) => setSeries((e.target as HTMLSelectElement).value as Series)}>
            {SERIES.map((value) => <option key={value} value={value}>{value === 'none' ? 'total only' : value}</option>)}
          </select>
        </label>
      </form>
      {periodOk ? (
        <>
          <RefundChart from={from} to={to} series={series} />
          <ReportTable from={from} to={to} groupBy={groupBy} />
          <Ledger key={`${from}/${to}`} from={from} to={to} access={access} />
        </>
      ) : <p class="error" role="alert">Choose a period: from and to as days, from not after to.</p>}
      <OutstandingRefunds access={access} />
      {periodOk ? <Reconciliation key={`${from}/${to}`} from={from} to={to} /> : null}
    </>
  );
}

function RefundChart({ from, to, series }: { from: string; to: string; series: Series }) {
  const key = `chart:${from}:${to}:${series}`;
  const charts = usePoll(key, async () => {
    const [byDay, ledger] = await Promise.all([report(from, to, 'day'), series === 'none' ? undefined : wholeLedger(from, to)]);
    return chartsFor(byDay, series, ledger);
  }, 10_000);
  return (
    <section class="panel" aria-labelledby="chart-title">
      <h2 id="chart-title">Refunds by day, {from} to {to}</h2>
      <p class="note">One chart per currency: amounts in different currencies are never added up.</p>
      <ErrorNote error={charts.error} />
      {charts.data?.length === 0 ? <p>No refunds in this period.</p> : null}
      <div class="charts">{charts.data?.map((chart) => <BarChart key={`${key}:${chart.currency}:${chart.total}`} chart={chart} />)}</div>
    </section>
  );
}

function ReportTable({ from, to, groupBy }: { from: string; to: string; groupBy: GroupBy }) {
  const path = reportPath(from, to, groupBy);
  const answer = usePoll(path, () => getJson<Awaited<ReturnType<typeof report>>>(path), 10_000);
  return (
    <section class="panel" aria-labelledby="report-title">
      <div class="title-row">
        <h2 id="report-title">Report by {groupBy}</h2>
        <DownloadButton path={path} accept={CSV} filename={`refunds-${from}-${to}-by-${groupBy}.csv`}>Download report CSV</DownloadButton>
      </div>
      <ErrorNote error={answer.error} />
      {answer.data ? (
        <>
          <TotalsTable label="Totals per currency" totals={answer.data.totals} />
          <TableScroll label={`Refunds by ${groupBy}`}>
            <table data-testid="report-rows">
              <thead><tr><th scope="col">{groupBy}</th><th scope="col">Currency</th><th scope="col" class="num">Refunds</th><th scope="col" class="num">Goods</th><th scope="col" class="num">Shipping</th><th scope="col" class="num">Return shipping</th><th scope="col" class="num">Fee refunded</th><th scope="col" class="num">Fee retained</th><th scope="col" class="num">Total</th></tr></thead>
              <tbody>
                {answer.data.rows.map((row) => (
                  <tr key={`${row.key}/${row.currency}`}>
                    <th scope="row">{row.key}</th><td>{row.currency}</td><td class="num">{row.count}</td>
                    <td class="num">{money(row.goods, row.currency)}</td><td class="num">{money(row.shipping, row.currency)}</td>
                    <td class="num">{money(row.returnShipping, row.currency)}</td><td class="num">{money(row.processingFee, row.currency)}</td>
                    <td class="num">{money(row.feeRetained, row.currency)}</td><td class="num">{money(row.total, row.currency)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </>
      ) : null}
    </section>
  );
}

function TotalsTable({ label, totals }: { label: string; totals: Totals[] }) {
  if (totals.length === 0) return <p>Nothing in this period.</p>;
  return (
    <TableScroll label={label}>
      <table class="totals" data-testid="totals">
        <caption>{label}</caption>
        <thead><tr><th scope="col">Currency</th><th scope="col" class="num">Refunds</th><th scope="col" class="num">Total</th></tr></thead>
        <tbody>
          {totals.map((total) => (
            <tr key={total.currency} data-currency={total.currency} data-total={total.total}>
              <th scope="row">{total.currency}</th><td class="num">{total.count}</td><td class="num">{money(total.total, total.currency)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

const LEDGER_PAGE = 25;

function Ledger({ from, to, access }: { from: string; to: string; access: Access }) {
  const [cursors, setCursors] = useState<string[]>([]);
  const cursor = cursors[cursors.length - 1];
  const path = ledgerPath(from, to, LEDGER_PAGE, cursor);
  const page = usePoll(path, () => getJson<LedgerPage>(path), 10_000);
  return (
    <section class="panel" aria-labelledby="ledger-title">
      <div class="title-row">
        <h2 id="ledger-title">Ledger</h2>
        <DownloadButton path={ledgerPath(from, to)} accept={CSV} filename={`refund-ledger-${from}-${to}.csv`}>Download ledger CSV</DownloadButton>
      </div>
      <ErrorNote error={page.error} />
      {page.data ? (
        <TableScroll label="Refund ledger">
          <table data-testid="ledger">
            <thead><tr><th scope="col">Issued</th><th scope="col">Refund</th><th scope="col">Order</th><th scope="col">Reason</th><th scope="col">Method</th><th scope="col">Destination</th><th scope="col" class="num">Total</th></tr></thead>
            <tbody>
              {page.data.items.map((row) => (
                <tr key={`${row.orderId}/${row.refundId}`}>
                  <td>{time(row.issuedAt)}</td><td>{row.refundId}</td><td><OrderLink orderId={row.orderId} access={access} /></td>
                  <td>{row.reason}</td><td>{row.method}</td><td>{row.destination}</td><td class="num">{money(row.total, row.currency)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      ) : null}
      <div class="row">
        <span>Page {cursors.length + 1}</span>
        {cursors.length > 0 ? <button type="button" class="secondary" onClick={() => setCursors(cursors.slice(0, -1))}>Previous page</button> : null}
        {page.data?.nextCursor ? <button type="button" class="secondary" onClick={() => setCursors([...cursors, page.data!.nextCursor!])}>Next page</button> : null}
      </div>
    </section>
  );
}

function OutstandingRefunds({ access }: { access: Access }) {
  const answer = usePoll(OUTSTANDING_PATH, () => getJson<Outstanding>(OUTSTANDING_PATH));
  const overdue = answer.data?.items.filter((item) => item.overdue).length ?? 0;
  return (
    <section class="panel" aria-labelledby="outstanding-title">
      <div class="title-row">
        <h2 id="outstanding-title">Outstanding refunds {answer.data ? `(${answer.data.items.length}, ${overdue} overdue)` : ''}</h2>
        <DownloadButton path={OUTSTANDING_PATH} accept={CSV} filename="refunds-outstanding.csv">Download outstanding CSV</DownloadButton>
      </div>
      <ErrorNote error={answer.error} />
      {answer.data ? (
        <>
          <TotalsTable label="Owed per currency" totals={answer.data.totals} />
          <TableScroll label="Outstanding refunds">
            <table data-testid="outstanding">
              <thead><tr><th scope="col">Due</th><th scope="col">Order</th><th scope="col">Reason</th><th scope="col" class="num">Amount</th><th scope="col">State</th></tr></thead>
              <tbody>
                {answer.data.items.map((item) => (
                  <tr key={item.timerId} class={item.overdue ? 'overdue' : undefined}>
                    <td>{time(item.dueAt)}</td><td><OrderLink orderId={item.orderId} access={access} /></td><td>{item.reason ?? '—'}</td>
                    <td class="num">{money(item.total, item.currency)}</td>
                    <td>{item.overdue ? <span class="badge broken">overdue</span> : <span class="badge unchecked">due</span>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </>
      ) : null}
    </section>
  );
}

interface ReconciliationResult {
  ok: boolean;
  differences: Array<{ scope: string; currency: string; field: string; replayed: number; reported: number }>;
  missingFromLedger: string[];
  notInLog: string[];
  withoutCurrency: string[];
}

/**
 * The report of the period against a replay of its refunds from the event log
 * (GET /reports/refunds/reconciliation). It reads the whole log, so it runs when asked, not polled.
 */
function Reconciliation({ from, to }: { from: string; to: string }) {
  const [result, setResult] = useState<ReconciliationResult | undefined>();
  const [error, setError] = useState<ApiError | undefined>();
  const [busy, setBusy] = useState(false);
  const check = async () => {
    setBusy(true);
    setError(undefined);
    try {
      setResult(await getJson<ReconciliationResult>(`/reports/refunds/reconciliation${query({ from, to })}`));
    } catch (caught) {
      setError(asApiError(caught));
    } finally {
      setBusy(false);
    }
  };
  const problems = result ? result.differences.length + result.missingFromLedger.length + result.notInLog.length + result.withoutCurrency.length : 0;
  return (
    <section class="panel" aria-labelledby="reconcile-title">
      <h2 id="reconcile-title">Reconciliation, {from} to {to}</h2>
      <p>Replays every refund of the period from the event log and compares it with the report, per currency, to the cent.</p>
      <button type="button" onClick={() => void check()} disabled={busy}>{busy ? 'Checking…' : 'Check the period'}</button>
      <ErrorNote error={error} />
      {result ? (
        <p data-testid="reconciliation" class={result.ok ? 'ok' : 'error'} role="status">
          {result.ok ? 'Reconciled: the report equals the events, to the cent.' : `Not reconciled: ${problems} difference${problems === 1 ? '' : 's'}.`}
        </p>
      ) : null}
      {result && !result.ok ? <Json value={result} /> : null}
    </section>
  );
}

/** A link to the order's timeline for roles that may read it; the id alone for the others. */
function OrderLink({ orderId, access }: { orderId: string; access: Access }) {
  return access.events ? <a href={orderHref(orderId)}>{orderId}</a> : <>{orderId}</>;
}
