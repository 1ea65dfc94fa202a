/** The HTML pages of the fake Stripe a browser sees in development: Checkout and a konbini voucher. */

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const yen = (amount: number) => `¥${amount.toLocaleString('ja-JP')}`;

function page(title: string, body: string): string {
  return `<!doctype html><html lang="ja"><head><meta charset="utf-8"><title>${escape(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem}button{font-size:1rem;padding:.6rem 1.2rem;margin:.3rem 0;width:100%}
.note{color:#666;font-size:.9rem}.amount{font-size:2rem;margin:1rem 0}</style></head><body>${body}
<p class="note">開発用の偽 Stripe です。実際の決済は行われません。 / Fake Stripe for development: no real money moves.</p></body></html>`;
}

export function checkoutPage(session: { id: string; status: string; amount_total: number; payment_method_types?: string[] }): string {
  if (session.status !== 'open') {
    return page('Checkout', `<h1>お支払い手続きは終了しています / This checkout is ${escape(session.status)}</h1>`);
  }
  const konbini = (session.payment_method_types ?? []).includes('konbini');
  return page(
    'Checkout',
    `<h1>お支払い / Payment</h1><div class="amount">${yen(session.amount_total)}</div>
<form method="post" action="/checkout/${escape(session.id)}/card"><button type="submit">カードで支払う / Pay by card</button></form>
${konbini ? `<form method="post" action="/checkout/${escape(session.id)}/konbini"><button type="submit">コンビニで支払う / Pay at konbini</button></form>` : ''}`,
  );
}

export function voucherPage(intent: { id: string; status: string; amount: number; next_action?: { konbini_display_details?: { expires_at: number } } | null }): string {
  if (intent.status === 'succeeded') return page('Konbini', `<h1>お支払い済みです / Paid</h1>`);
  const expires = intent.next_action?.konbini_display_details?.expires_at;
  return page(
    'Konbini',
    `<h1>コンビニ払込票 / Konbini voucher</h1><div class="amount">${yen(intent.amount)}</div>
${expires ? `<p>支払期限 / Pay by: ${escape(new Date(expires * 1000).toLocaleString('ja-JP', { timeZone: 'Asia/Tokyo' }))} (JST)</p>` : ''}
<form method="post" action="/voucher/${escape(intent.id)}/pay"><button type="submit">店頭で支払ったことにする / Simulate paying at the konbini</button></form>`,
  );
}
