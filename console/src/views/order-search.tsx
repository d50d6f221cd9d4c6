import { useState } from 'preact/hooks';
import type { Access } from '../access';
import { getJson, query } from '../api';
import { ErrorNote, TableScroll } from '../components/common';
import { money, time } from '../format';
import { usePoll } from '../poll';
import { orderHref } from '../route';

interface OrderSummary {
  orderId: string;
  status: string;
  customerId: string;
  currency: string;
  total: number;
  placedAt: string;
  revision: number;
}

interface OrderPage {
  items: OrderSummary[];
  nextCursor: string | null;
}

/** Find an order by its id, or (roles that may list orders) a customer's orders; newest orders below. */
export function OrderSearch({ access }: { access: Access }) {
  const [orderId, setOrderId] = useState('');
  const [customerInput, setCustomerInput] = useState('');
  const [customerId, setCustomerId] = useState('');

  const open = (event: Event) => {
    event.preventDefault();
    if (orderId.trim()) location.hash = orderHref(orderId.trim());
  };
  const find = (event: Event) => {
    event.preventDefault();
    setCustomerId(customerInput.trim());
  };

  return (
    <>
      <h1>Orders</h1>
      <div class="grid-2">
        {access.events ? (
          <form class="panel" onSubmit={open} aria-labelledby="find-order">
            <h2 id="find-order">Open an order's timeline</h2>
            <label for="order-id">Order id</label>
            <div class="row">
              <input id="order-id" value={orderId} onInput={(event) => setOrderId((event.target as HTMLInputElement).value)} />
              <button type="submit">Open</button>
            </div>
          </form>
        ) : null}
        {access.orders ? (
          <form class="panel" onSubmit={find} aria-labelledby="find-customer">
            <h2 id="find-customer">A customer's orders</h2>
            <label for="customer-id">Customer id</label>
            <div class="row">
              <input id="customer-id" value={customerInput} onInput={(event) => setCustomerInput((event.target as HTMLInputElement).value)} />
              <button type="submit">Find</button>
            </div>
          </form>
        ) : null}
      </div>
      {access.orders ? <OrderList key={customerId} customerId={customerId} canOpen={access.events} /> : null}
    </>
  );
}

function OrderList({ customerId, canOpen }: { customerId: string; canOpen: boolean }) {
  const [cursors, setCursors] = useState<string[]>([]);
  const cursor = cursors[cursors.length - 1];
  const path = `/orders${query({ customerId, limit: 20, cursor })}`;
  const page = usePoll(path, () => getJson<OrderPage>(path));
  const title = customerId ? `Orders of customer ${customerId}` : 'Newest orders';
  return (
    <section class="panel" aria-labelledby="order-list">
      <h2 id="order-list">{title}</h2>
      <ErrorNote error={page.error} />
      {page.data && page.data.items.length === 0 ? <p>No orders.</p> : null}
      {page.data && page.data.items.length > 0 ? (
        <TableScroll label={title}>
          <table>
            <thead><tr><th scope="col">Order</th><th scope="col">Status</th><th scope="col">Customer</th><th scope="col" class="num">Total</th><th scope="col">Placed</th><th scope="col" class="num">Revision</th></tr></thead>
            <tbody>
              {page.data.items.map((order) => (
                <tr key={order.orderId}>
                  <td>{canOpen ? <a href={orderHref(order.orderId)}>{order.orderId}</a> : order.orderId}</td>
                  <td>{order.status}</td>
                  <td>{order.customerId}</td>
                  <td class="num">{money(order.total, order.currency)}</td>
                  <td>{time(order.placedAt)}</td>
                  <td class="num">{order.revision}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      ) : null}
      <div class="row">
        {cursors.length > 0 ? <button type="button" class="secondary" onClick={() => setCursors(cursors.slice(0, -1))}>Previous page</button> : null}
        {page.data?.nextCursor ? <button type="button" class="secondary" onClick={() => setCursors([...cursors, page.data!.nextCursor!])}>Next page</button> : null}
      </div>
    </section>
  );
}
