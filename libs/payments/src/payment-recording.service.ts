import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AppError, Clock, TransactionService, type Money } from '#core';
import type { Actor } from '#auth';
import { AuditLog } from '#audit';
import { BookService, LedgerPosting, type JournalPosting } from '#ledger';
import { InvoiceSettlement, type Invoice } from '#dues';
import { MemberDirectory } from '#members';
import { allocatePayment, type AllocationRequest } from './allocation.js';
import { collectingBranch } from './collecting-branch.js';
import { PaymentRepository } from './payment.repository.js';
import { AllocationSource, type PaymentAllocation } from './payment-allocation.entity.js';
import type { Payment } from './payment.entity.js';
import type { PaymentMethod } from './payment-method.js';
import { duesReceiptOf, federationPaymentKey, federationReceiptPosting, paymentPosting } from './payment-postings.js';
import { requireWriter } from './payment-access.js';
import { PaymentsError } from './payments.errors.js';
import { requestHash } from './request-hash.js';

/**
 * What any channel records: a treasurer's cash or bank transfer today; a Stripe webhook
 * (CARD / KONBINI, provider reference = payment intent, fee from the balance transaction)
 * and a matched bank-statement line (BANK_STATEMENT, reference = the line) later.
 */
export interface RecordPaymentCommand {
  memberId: string;
  method: PaymentMethod;
  /** Gross amount received. */
  amount: Money;
  /** What the channel kept, same currency; 0 when absent. */
  fee?: bigint | null;
  /** YYYY-MM-DD, Asia/Tokyo. */
  receivedOn: string;
  /** Channel reference; unique per (branch, method) among live payments. */
  reference?: string | null;
  /** Invoices of this member, paid in this order (an amount fixes that invoice's share). */
  allocations: AllocationRequest[];
  /** Keep what exceeds the invoices as member credit; refused otherwise. */
  allowCredit?: boolean;
  memo?: string | null;
  /** A retry with the same key and content returns the first payment. */
  idempotencyKey?: string | null;
}

export interface RecordedPayment {
  payment: Payment;
  allocations: PaymentAllocation[];
  /** true when this was an exact retry and the first payment was returned. */
  replayed: boolean;
}

/** Payments per recordMany call (a reconciliation confirm is up to a few hundred lines). */
export const MAX_BULK = 2000;

interface Lookups {
  homes: Map<string, string>;
  invoices: Map<string, Invoice>;
}

interface Prepared {
  command: RecordPaymentCommand;
  currency: string;
  amount: bigint;
  fee: bigint;
  hash: string;
  key: string;
  branchId: string;
}

interface ItemToPost {
  paymentId: string;
  branchId: string;
  allocations: PaymentAllocation[];
  audit: { allocations: unknown; credit: bigint };
  /** The branch book's entry first, then the federation's mirror (ON_RECEIPT), if any. */
  postings: JournalPosting[];
}

/** Runs one item of a bulk call; a refusal names the item (`items.<i>.…`) and keeps its reason. */
async function itemized<T>(index: number, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    const field = (f: string) => `items.${index}.${f.replace(/^input\./, '')}`;
    const text = { ja: `${index + 1}件目: ${error.text.ja}`, en: `Item ${index}: ${error.text.en}` };
    const fields = error.fields.length ? error.fields.map((f) => ({ ...f, field: field(f.field) })) : [{ field: `items.${index}`, messages: [error.text] }];
    throw new AppError(error.code, error.reason, text, fields);
  }
}

/**
 * 入金の記録 — the one path for money in. The payment, its allocations, the invoices' paid
 * amounts, the membership status and the journal entry commit together or not at all.
 */
@Injectable()
export class PaymentRecording {
  constructor(
    private readonly tx: TransactionService,
    private readonly payments: PaymentRepository,
    private readonly invoices: InvoiceSettlement,
    private readonly members: MemberDirectory,
    private readonly books: BookService,
    private readonly ledger: LedgerPosting,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  async record(actor: Actor, command: RecordPaymentCommand): Promise<RecordedPayment> {
    const prepared = await this.prepare(actor, command);
    if ('payment' in prepared) return prepared;
    return this.tx.run(async () => {
      const federationBookId = (await this.books.federationBook()).id;
      const item = await this.recordOne(actor, prepared, federationBookId);
      if ('payment' in item) return item;
      const [done] = await this.post(actor, [item]);
      return done;
    });
  }

  /**
   * The bulk path (a reconciliation confirm, a Stripe payout's charges): the same rules as `record`
   * for every item, in ONE transaction, all or nothing — a refused item refuses the call, and its
   * error names the item (`items.<i>.<field>`, message prefixed with its position). Set-based where it
   * counts: the members and invoices read once, the invoices of all items locked in one statement (id
   * order), every journal entry posted by one postMany at the end (each book's chain head locked once,
   * last, so the shared federation book is held only for the posting and the commit), the payments
   * marked posted in one UPDATE and audited in one INSERT. Exact retries come back `replayed`.
   */
  async recordMany(actor: Actor, commands: readonly RecordPaymentCommand[]): Promise<RecordedPayment[]> {
    if (commands.length === 0) return [];
    if (commands.length > MAX_BULK) {
      throw AppError.badInput('items', { ja: `一度に記録できる入金は${MAX_BULK}件までです`, en: `At most ${MAX_BULK} payments per call` }, 'TOO_MANY_PAYMENTS');
    }
    const context = await this.lookups(commands);
    const prepared: (Prepared | RecordedPayment)[] = [];
    for (const [i, command] of commands.entries()) prepared.push(await itemized(i, () => this.prepare(actor, command, context)));
    return this.tx.run(async () => {
      const federationBookId = (await this.books.federationBook()).id;
      await this.invoices.lockOpenInvoices([...context.invoices.keys()]).catch(() => undefined);
      const results: (RecordedPayment | ItemToPost)[] = [];
      for (const [i, p] of prepared.entries()) results.push('payment' in p ? p : await itemized(i, () => this.recordOne(actor, p, federationBookId)));
      const toPost = results.filter((r): r is ItemToPost => !('payment' in r));
      const posted = new Map((await this.post(actor, toPost)).map((r) => [r.payment.id, r]));
      return results.map((r) => ('payment' in r ? r : posted.get(r.paymentId)!));
    });
  }

  /** Members' branches and the invoices named, read once for many commands. */
  private async lookups(commands: readonly RecordPaymentCommand[]): Promise<Lookups> {
    const memberIds = [...new Set(commands.map((c) => c.memberId))];
    const invoiceIds = [...new Set(commands.flatMap((c) => c.allocations.map((a) => a.invoiceId)))];
    const homes = await this.members.branchOf(memberIds);
    const invoices = new Map((invoiceIds.length ? await this.invoices.findInvoices(invoiceIds) : []).map((i) => [i.id, i]));
    return { homes, invoices };
  }

  /** Validation, the collecting branch, authority, and an exact retry's replay — before any transaction. */
  private async prepare(actor: Actor, command: RecordPaymentCommand, context?: Lookups): Promise<Prepared | RecordedPayment> {
    const currency = command.amount.currency;
    const amount = command.amount.amount;
    const fee = command.fee ?? 0n;
    this.validate(command, amount, fee);
    const hash = requestHash({ ...command, amount, currency, fee, allowCredit: command.allowCredit ?? false, idempotencyKey: undefined });
    const key = command.idempotencyKey ?? `auto:${randomUUID()}`;

    const branchId = await this.collectingBranchOf(actor, command, context ?? (await this.lookups([command])));
    requireWriter(actor, branchId);

    if (command.idempotencyKey) {
      const earlier = await this.replay(command.idempotencyKey, hash);
      if (earlier) return earlier;
    }
    return { command, currency, amount, fee, hash, key, branchId };
  }

  /**
   * One payment inside the transaction: claimed, its invoices locked and paid, its allocations
   * written; returns the entries to post (or the earlier payment of an exact retry that raced us).
   */
  private async recordOne(actor: Actor, p: Prepared, federationBookId: string): Promise<ItemToPost | RecordedPayment> {
    const { command, currency, amount, fee, hash, key, branchId } = p;
    const book = await this.books.bookForBranch(branchId);
    if (book.currency.trim() !== currency) throw PaymentsError.currencyMismatch('input.amount.currency', book.currency.trim(), currency);

    const paymentId = await this.payments.claim({
      branchId,
      bookId: book.id,
      memberId: command.memberId,
      method: command.method,
      reference: command.reference ?? null,
      amount,
      fee,
      currency,
      receivedOn: command.receivedOn,
      memo: command.memo ?? null,
      idempotencyKey: key,
      requestHash: hash,
      recordedBy: actor.userId,
    });
    if (!paymentId) return this.lostRace(key, hash, branchId, command);

    const open = await this.openInvoices(command, currency, branchId);
    const result = allocatePayment({ amount, requests: command.allocations, invoices: open, allowCredit: command.allowCredit ?? false });
    if (!result.ok) throw PaymentsError.fromAllocation(result.problem, currency);
    const { allocations: plan, credit } = result.plan;

    const allocations = plan.length
      ? await this.payments.insertAllocations(
          plan.map((a) => ({ paymentId, invoiceId: a.invoiceId, amount: a.amount, source: AllocationSource.PAYMENT, appliedOn: command.receivedOn, journalEntryId: null })),
        )
      : [];
    const applied: { invoice: Invoice; amount: bigint }[] = [];
    for (const a of plan) applied.push({ invoice: await this.invoices.applyPayment(a.invoiceId, a.amount, command.receivedOn), amount: a.amount });
    const receipt = duesReceiptOf(applied, federationBookId);
    const memo = `入金 ${command.method}${command.reference ? ` ${command.reference}` : ''} / payment`;
    const branchEntry = paymentPosting({
      paymentId,
      bookId: book.id,
      receivedOn: command.receivedOn,
      method: command.method,
      currency,
      amount,
      fee,
      allocated: amount - credit,
      credit,
      receipt,
      memo,
    });
    const federationEntry = federationReceiptPosting({
      sourceId: paymentId,
      idempotencyKey: federationPaymentKey(paymentId),
      branchBookId: book.id,
      entryDate: command.receivedOn,
      currency,
      receipt,
      memo,
    });
    return { paymentId, branchId, allocations, audit: { allocations: plan, credit }, postings: federationEntry ? [branchEntry, federationEntry] : [branchEntry] };
  }

  /**
   * Posts the entries of these payments with one postMany — the last step before commit, so the
   * books' chain heads (the federation's, shared by every branch, included) are held only that long —
   * then marks them posted and audits them, a statement each for all of them.
   */
  private async post(actor: Actor, items: readonly ItemToPost[]): Promise<RecordedPayment[]> {
    if (items.length === 0) return [];
    const postings = items.flatMap((i) => i.postings);
    const posted = await this.ledger.postMany(postings);
    const branchEntryOf = new Map<string, { entryId: string; entryDate: string }>();
    let at = 0;
    for (const item of items) {
      branchEntryOf.set(item.paymentId, posted[at]);
      at += item.postings.length;
    }
    await this.payments.setPostedMany(items.map((i) => ({ id: i.paymentId, journalEntryId: branchEntryOf.get(i.paymentId)!.entryId, postedOn: branchEntryOf.get(i.paymentId)!.entryDate })));
    const payments = await this.payments.findByIds(items.map((i) => i.paymentId));
    await this.audit.recordMany(
      actor,
      items.map((i) => ({ action: 'payment.record', entityType: 'Payment', entityId: i.paymentId, branchId: i.branchId, after: { ...payments.get(i.paymentId)!, ...i.audit } })),
    );
    return items.map((i) => ({ payment: payments.get(i.paymentId)!, allocations: i.allocations, replayed: false }));
  }

  private validate(command: RecordPaymentCommand, amount: bigint, fee: bigint): void {
    if (amount <= 0n) throw PaymentsError.fromAllocation({ kind: 'NON_POSITIVE_AMOUNT' }, command.amount.currency);
    if (fee < 0n) throw AppError.badInput('input.fee', { ja: '手数料は0以上で入力してください', en: 'The fee must not be negative' });
    if (fee >= amount) throw PaymentsError.feeNotBelowAmount();
    if (command.receivedOn > this.clock.today()) throw PaymentsError.futureDate('input.receivedOn');
  }

  /** The book the payment goes into: that of the branch that issued its invoices (see collecting-branch.ts). */
  private async collectingBranchOf(actor: Actor, command: RecordPaymentCommand, context: Lookups): Promise<string> {
    const homeBranchId = context.homes.get(command.memberId);
    if (!homeBranchId) throw AppError.notFound('Member', command.memberId);
    const invoiceIds = command.allocations.map((a) => a.invoiceId);
    // An invoice's branch never changes once issued: reading it before the transaction is safe.
    const invoices = invoiceIds.map((id) => context.invoices.get(id)).filter((i): i is Invoice => i !== undefined);
    return collectingBranch(actor, { memberId: command.memberId, homeBranchId, invoiceIds, invoices }, (i) => `input.allocations.${i}.invoiceId`);
  }

  /** An exact retry returns the first payment; the same key for something else is a conflict. */
  private async replay(key: string, hash: string): Promise<RecordedPayment | null> {
    const earlier = await this.payments.findByIdempotencyKey(key);
    if (!earlier) return null;
    if (earlier.requestHash !== hash) throw PaymentsError.idempotencyKeyReused();
    const allocations = (await this.payments.allocationsOf([earlier.id])).get(earlier.id)!;
    return { payment: earlier, allocations, replayed: true };
  }

  /** Another request holds the key or the reference (it has committed by now). */
  private async lostRace(key: string, hash: string, branchId: string, command: RecordPaymentCommand): Promise<RecordedPayment> {
    const earlier = await this.replay(key, hash);
    if (earlier) return earlier;
    if (command.reference && (await this.payments.findLiveByReference(branchId, command.method, command.reference))) {
      throw PaymentsError.duplicateReference(command.reference);
    }
    // The other request rolled back between its insert and our look-up: let the transaction retry.
    throw AppError.conflict('PAYMENT_RACE', { ja: '同時に記録された入金と競合しました。もう一度お試しください', en: 'A concurrent payment interfered; please try again' });
  }

  /**
   * Locks the invoices named (id order, no deadlocks) and returns what each still owes.
   * Refuses invoices of another member, in another currency, or void; a paid one owes 0
   * (its share becomes credit only with allowCredit, else INVOICE_ALREADY_PAID).
   */
  private async openInvoices(command: RecordPaymentCommand, currency: string, branchId: string): Promise<{ invoiceId: string; outstanding: bigint }[]> {
    const ids = [...new Set(command.allocations.map((a) => a.invoiceId))];
    if (ids.length === 0) return [];
    let open: Invoice[];
    try {
      open = await this.invoices.lockOpenInvoices(ids);
    } catch (error) {
      if (!(error instanceof AppError && error.code === 'NOT_FOUND')) throw error;
      const existing = new Set((await this.invoices.findInvoices(ids)).map((i) => i.id));
      throw PaymentsError.invoiceNotOpen(command.allocations.findIndex((a) => !existing.has(a.invoiceId)));
    }
    const openIds = new Set(open.map((i) => i.id));
    const found = new Map((await this.invoices.findInvoices(ids)).map((i) => [i.id, i]));
    return command.allocations.map((request, index) => {
      const invoice = found.get(request.invoiceId);
      if (!invoice) throw PaymentsError.invoiceNotOpen(index);
      if (invoice.memberId !== command.memberId) throw PaymentsError.invoiceOfAnotherMember(index);
      // Its receivable is in that branch's book: one payment, one book (collectingBranchOf chose it).
      if (invoice.branchId !== branchId) throw PaymentsError.invoiceOfAnotherBranch(`input.allocations.${index}.invoiceId`);
      if (invoice.currency.trim() !== currency) throw PaymentsError.currencyMismatch(`input.allocations.${index}.invoiceId`, invoice.currency.trim(), currency);
      if (!openIds.has(invoice.id)) {
        if (invoice.status === 'VOID') throw PaymentsError.invoiceNotOpen(index);
        if (!command.allowCredit) throw PaymentsError.invoiceAlreadyPaid(index, invoice.number);
      }
      return { invoiceId: invoice.id, outstanding: this.invoices.outstanding(invoice) };
    });
  }
}
