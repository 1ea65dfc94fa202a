import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AppError, Clock, TransactionService, type Money } from '#core';
import type { Actor } from '#auth';
import { AuditLog } from '#audit';
import { BookService, LedgerPosting, type JournalPosting } from '#ledger';
import { InvoiceBatchSettlement, InvoiceSettlement, InvoiceStatus, invoicesForPayment, type Invoice, type InvoicesForPayment } from '#dues';
import { MemberDirectory } from '#members';
import { allocatePayment, type AllocationPlan, type AllocationRequest, type OpenInvoice } from './allocation.js';
import { collectingBranch } from './collecting-branch.js';
import { PaymentRepository } from './payment.repository.js';
import { AllocationSource, type PaymentAllocation } from './payment-allocation.entity.js';
import type { Payment } from './payment.entity.js';
import type { PaymentMethod } from './payment-method.js';
import { duesReceiptOf, federationPaymentKey, federationReceiptPosting, paymentPosting, type DuesReceipt } from './payment-postings.js';
import { PAYMENT_WRITERS, requireWriter } from './payment-access.js';
import { PaymentsError } from './payments.errors.js';
import { requestHash } from './request-hash.js';

import { PAYMENTS_REASONS as R } from './payments.errors.js';
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
  /** As claimed (not yet posted): marked posted in memory once its entry is in. */
  claimed: Payment;
  branchId: string;
  allocations: PaymentAllocation[];
  audit: { allocations: unknown; credit: bigint };
  /** The branch book's entry first, then the federation's mirror (ON_RECEIPT), if any. */
  postings: JournalPosting[];
}

/** An item of a bulk call, allocated in memory, before its payment row is written. */
interface PlannedItem {
  i: number;
  p: Prepared;
  book: { id: string; currency: string };
  plan: AllocationPlan;
  receipt: DuesReceipt;
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
    private readonly batchSettlement: InvoiceBatchSettlement,
    private readonly members: MemberDirectory,
    private readonly books: BookService,
    private readonly ledger: LedgerPosting,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  /**
   * One payment, in one transaction, in this order: the invoices named locked (id order) — the collecting
   * branch and the caller's authority follow from the locked rows, so they are not read twice, and the
   * member's home branch is read only when they do not settle it (no invoice, another member's, or a caller
   * without authority there) —, then recordOne.
   */
  async record(actor: Actor, command: RecordPaymentCommand): Promise<RecordedPayment> {
    const { currency, amount, fee, hash, key } = this.checked(command);

    return this.tx.run(async () => {
      const federationBookId = (await this.books.federationBook()).id;
      const locked = await this.lockNamedInvoices(actor, command);
      const branchId = await this.collectingBranchOfLocked(actor, command, [...locked.byId.values()]);
      requireWriter(actor, branchId);
      if (command.idempotencyKey) {
        const first = await this.replay(command.idempotencyKey, hash);
        if (first) return first;
      }
      const p: Prepared = { command, currency, amount, fee, hash, key, branchId };
      return this.recordOne(actor, p, locked, federationBookId);
    });
  }

  /**
   * collectingBranch over the locked invoices. When they are all this member's, of one branch the caller
   * may collect for, that branch is the answer whatever the member's home branch (not read then).
   */
  private async collectingBranchOfLocked(actor: Actor, command: RecordPaymentCommand, invoices: Invoice[]): Promise<string> {
    const branchId = invoices[0]?.branchId;
    if (branchId && invoices.every((i) => i.memberId === command.memberId && i.branchId === branchId) && actor.canActOnBranch(branchId, PAYMENT_WRITERS)) return branchId;
    return collectingBranch(actor, { memberId: command.memberId, homeBranchId: await this.homeBranchOf(command.memberId), invoiceIds: command.allocations.map((a) => a.invoiceId), invoices }, (i) => `input.allocations.${i}.invoiceId`);
  }

  private async homeBranchOf(memberId: string): Promise<string> {
    const home = (await this.members.branchOf([memberId])).get(memberId);
    if (!home) throw AppError.notFound('Member', memberId);
    return home;
  }

  /**
   * Locks the invoices a payment names (id order, no deadlocks) and has the dues contract judge them. An
   * unknown one is INVOICE_NOT_OPEN on its field — after the caller's authority over the others is checked,
   * so the answer tells nothing to a caller who may not see them.
   */
  private async lockNamedInvoices(actor: Actor, command: RecordPaymentCommand): Promise<InvoicesForPayment> {
    const locked = await this.invoices.lockForPayment(payerOf(command), command.allocations.map((a) => a.invoiceId));
    const missing = locked.invoices.findIndex((v) => v.refusal === 'NOT_FOUND');
    if (missing < 0) return locked;
    requireWriter(actor, await this.collectingBranchOfLocked(actor, command, [...locked.byId.values()]));
    throw PaymentsError.invoiceNotOpen(missing);
  }

  /**
   * The bulk path (a reconciliation confirm, a Stripe payout's charges, an import of history): the same
   * rules as `record` for every item, in ONE transaction, all or nothing — a refused item refuses the
   * call, and its error names the item (`items.<i>.<field>`, message prefixed with its position).
   * Set-based: a fixed number of statements whatever the number of payments — members, invoices and
   * earlier idempotency keys read once; the invoices locked in one statement (id order); the items
   * allocated in memory in order (two payments of one invoice see each other); payments, allocations,
   * invoices and memberships (InvoiceBatchSettlement), events, journal entries (one postMany, each
   * book's chain head locked once and last), posted marks and audit events one statement each.
   * Exact retries come back `replayed`. `history`: payments of the past recorded after the fact (the
   * demo's year, an import): no `invoice.paid` events, so no receipts or notices are sent now.
   */
  async recordMany(actor: Actor, commands: readonly RecordPaymentCommand[], options: { history?: boolean } = {}): Promise<RecordedPayment[]> {
    if (commands.length === 0) return [];
    if (commands.length > MAX_BULK) {
      throw R.TOO_MANY_PAYMENTS.at('items', MAX_BULK);
    }
    const context = await this.lookups(commands);
    const earlier = await this.payments.findByIdempotencyKeys(commands.flatMap((c) => (c.idempotencyKey ? [c.idempotencyKey] : [])));
    const prepared: (Prepared | RecordedPayment)[] = [];
    for (const [i, command] of commands.entries()) {
      prepared.push(
        await itemized(i, async () => {
          for (const [k, a] of command.allocations.entries()) if (!context.invoices.has(a.invoiceId)) throw PaymentsError.invoiceNotOpen(k);
          return this.prepare(actor, command, context, earlier);
        }),
      );
    }
    return this.tx.run(async () => {
      const federationBookId = (await this.books.federationBook()).id;
      const fresh = prepared.map((p, i) => ({ p, i })).filter((x): x is { p: Prepared; i: number } => !('payment' in x.p));
      const bookOf = new Map<string, { id: string; currency: string }>();
      for (const branchId of new Set(fresh.map((f) => f.p.branchId))) {
        const book = await this.books.bookForBranch(branchId);
        bookOf.set(branchId, { id: book.id, currency: book.currency.trim() });
      }
      const invoiceIds = [...new Set(fresh.flatMap((f) => f.p.command.allocations.map((a) => a.invoiceId)))];
      const state = new Map((await this.invoices.lockInvoices(invoiceIds)).map((i) => [i.id, i]));
      const planned: (PlannedItem | { i: number; twinOf: number })[] = [];
      const seenKeys = new Map<string, { index: number; hash: string }>();
      for (const { p, i } of fresh) {
        planned.push(
          await itemized(i, async () => {
            const twin = seenKeys.get(p.key);
            if (twin && twin.hash !== p.hash) throw PaymentsError.idempotencyKeyReused();
            if (twin) return { i, twinOf: twin.index };
            seenKeys.set(p.key, { index: i, hash: p.hash });
            const book = bookOf.get(p.branchId)!;
            if (book.currency !== p.currency) throw PaymentsError.currencyMismatch('input.amount.currency', book.currency, p.currency);
            const open = this.checkInvoices(p.currency, invoicesForPayment(payerOf(p.command, p.branchId), p.command.allocations.map((a) => a.invoiceId), state));
            const result = allocatePayment({ amount: p.amount, requests: p.command.allocations, invoices: open, allowCredit: p.command.allowCredit ?? false });
            if (!result.ok) throw PaymentsError.fromAllocation(result.problem, p.currency);
            const applied = result.plan.allocations.map((a) => ({ invoice: { ...applyInMemory(state.get(a.invoiceId)!, a.amount, p.command.receivedOn) }, amount: a.amount }));
            return { i, p, book, plan: result.plan, receipt: duesReceiptOf(applied, federationBookId) };
          }),
        );
      }
      const own = planned.filter((x): x is PlannedItem => !('twinOf' in x));
      const claimed = await this.payments.claimMany(
        own.map(({ p, book }) => ({
          branchId: p.branchId,
          bookId: book.id,
          memberId: p.command.memberId,
          method: p.command.method,
          reference: p.command.reference ?? null,
          amount: p.amount,
          fee: p.fee,
          currency: p.currency,
          receivedOn: p.command.receivedOn,
          memo: p.command.memo ?? null,
          idempotencyKey: p.key,
          requestHash: p.hash,
          recordedBy: actor.userId,
        })),
      );
      for (const { i, p } of own) {
        if (claimed.has(p.key)) continue;
        // Taken by a request that committed meanwhile, or a live reference already used: the call is refused (a retry replays).
        await itemized(i, () => this.lostRace(p.key, p.hash, p.branchId, p.command));
        throw R.PAYMENT_RACE.error();
      }
      const allocationRows = own.flatMap(({ p, plan }) =>
        plan.allocations.map((a) => ({ paymentId: claimed.get(p.key)!.id, invoiceId: a.invoiceId, amount: a.amount, source: AllocationSource.PAYMENT, appliedOn: p.command.receivedOn, journalEntryId: null })),
      );
      const allocations = await this.payments.insertAllocations(allocationRows);
      await this.batchSettlement.applyPayments(settledPerInvoice(allocationRows), { history: options.history });
      const allocationsOf = new Map<string, PaymentAllocation[]>();
      for (const a of allocations) allocationsOf.set(a.paymentId, [...(allocationsOf.get(a.paymentId) ?? []), a]);
      const items: ItemToPost[] = own.map(({ p, book, plan, receipt }) => {
        const payment = claimed.get(p.key)!;
        return this.toPost(payment, p, book.id, plan, receipt, allocationsOf.get(payment.id) ?? []);
      });
      const posted = await this.post(actor, items);
      const results = new Map<number, RecordedPayment>(own.map((o, k) => [o.i, posted[k]]));
      return prepared.map((p, i) => {
        if ('payment' in p) return p;
        const twin = planned.find((x) => x.i === i && 'twinOf' in x) as { twinOf: number } | undefined;
        return twin ? { ...results.get(twin.twinOf)!, replayed: true } : results.get(i)!;
      });
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
  private async prepare(actor: Actor, command: RecordPaymentCommand, context?: Lookups, earlier?: Map<string, Payment>): Promise<Prepared | RecordedPayment> {
    const { currency, amount, fee, hash, key } = this.checked(command);

    const branchId = await this.collectingBranchOf(actor, command, context ?? (await this.lookups([command])));
    requireWriter(actor, branchId);

    if (command.idempotencyKey && (!earlier || earlier.has(command.idempotencyKey))) {
      const first = await this.replay(command.idempotencyKey, hash, earlier?.get(command.idempotencyKey));
      if (first) return first;
    }
    return { command, currency, amount, fee, hash, key, branchId };
  }

  /**
   * One payment inside the transaction, its invoices locked: allocated in memory, its entries laid out
   * (LedgerPosting.prepareMany: ids and dates, nothing locked), the payment claimed already naming its
   * entry, with its allocations, its invoices and memberships settled, audited — and the entries written
   * last, so the books' chain heads (the federation's, shared by every branch) are held only for that write
   * and the commit. An exact retry that raced us returns the earlier payment.
   */
  private async recordOne(actor: Actor, p: Prepared, locked: InvoicesForPayment, federationBookId: string): Promise<RecordedPayment> {
    const { command, currency, amount, fee, hash, key, branchId } = p;
    const book = await this.books.bookForBranch(branchId);
    if (book.currency.trim() !== currency) throw PaymentsError.currencyMismatch('input.amount.currency', book.currency.trim(), currency);
    const plan = await this.refusedAsDuplicate(command, branchId, () => {
      const open = this.checkInvoices(currency, locked);
      const result = allocatePayment({ amount, requests: command.allocations, invoices: open, allowCredit: command.allowCredit ?? false });
      if (!result.ok) throw PaymentsError.fromAllocation(result.problem, currency);
      return result.plan;
    });
    // Each receipt sees its invoice as it is just after this payment (the locked rows, applied in memory as the settlement below does).
    const applied = plan.allocations.map((a) => ({ invoice: { ...applyInMemory(locked.byId.get(a.invoiceId)!, a.amount, command.receivedOn) }, amount: a.amount }));
    const paymentId = randomUUID();
    const pending = await this.ledger.prepareMany(this.postingsOf(paymentId, p, book.id, plan, duesReceiptOf(applied, federationBookId)));
    const branchEntry = pending.entries[0];

    const claimed = await this.payments.claimWithAllocations(
      {
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
      },
      { id: paymentId, journalEntryId: branchEntry.entryId, postedOn: branchEntry.entryDate },
      plan.allocations.map((a) => ({ invoiceId: a.invoiceId, amount: a.amount, source: AllocationSource.PAYMENT, appliedOn: command.receivedOn })),
    );
    if (!claimed) return this.lostRace(key, hash, branchId, command);

    await this.batchSettlement.applyPayments(settledPerInvoice(plan.allocations.map((a) => ({ invoiceId: a.invoiceId, amount: a.amount, appliedOn: command.receivedOn }))));
    // The audit event (and the invoices' outbox rows, deferred by the settlement) go with the chain heads' lock: one statement.
    await this.audit.recordMany(
      actor,
      [{ action: 'payment.record', entityType: 'Payment', entityId: paymentId, branchId, after: { ...claimed.payment, allocations: plan.allocations, credit: plan.credit } }],
      { deferred: true },
    );
    await pending.write();
    return { payment: claimed.payment, allocations: claimed.allocations, replayed: false };
  }

  /**
   * A payment refused on its invoices whose channel reference a live payment already has is that payment
   * entered twice (two treasurers keying in one bank line: the second finds the invoice paid by the first):
   * DUPLICATE_PAYMENT_REFERENCE says so, as when the reference is met first.
   */
  private async refusedAsDuplicate<T>(command: RecordPaymentCommand, branchId: string, check: () => T): Promise<T> {
    try {
      return check();
    } catch (error) {
      if (error instanceof AppError && command.reference && (await this.payments.findLiveByReference(branchId, command.method, command.reference))) {
        throw PaymentsError.duplicateReference(command.reference);
      }
      throw error;
    }
  }

  /** A claimed payment's entries, to post (the bulk path). */
  private toPost(payment: Payment, p: Prepared, bookId: string, plan: AllocationPlan, receipt: DuesReceipt, allocations: PaymentAllocation[]): ItemToPost {
    return {
      paymentId: payment.id,
      claimed: payment,
      branchId: p.branchId,
      allocations,
      audit: { allocations: plan.allocations, credit: plan.credit },
      postings: this.postingsOf(payment.id, p, bookId, plan, receipt),
    };
  }

  /** A payment's entries: in its branch's book first, then the federation's mirror of an ON_RECEIPT receipt's share (if any). */
  private postingsOf(paymentId: string, p: Prepared, bookId: string, plan: AllocationPlan, receipt: DuesReceipt): JournalPosting[] {
    const { command, currency, amount, fee } = p;
    const memo = `入金 ${command.method}${command.reference ? ` ${command.reference}` : ''} / payment`;
    const branchEntry = paymentPosting({
      paymentId,
      bookId,
      receivedOn: command.receivedOn,
      method: command.method,
      currency,
      amount,
      fee,
      allocated: amount - plan.credit,
      credit: plan.credit,
      receipt,
      memo,
    });
    const federationEntry = federationReceiptPosting({
      sourceId: paymentId,
      idempotencyKey: federationPaymentKey(paymentId),
      branchBookId: bookId,
      entryDate: command.receivedOn,
      currency,
      receipt,
      memo,
    });
    return federationEntry ? [branchEntry, federationEntry] : [branchEntry];
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
    const payments = new Map(
      items.map((i) => [i.paymentId, Object.assign(i.claimed, { journalEntryId: branchEntryOf.get(i.paymentId)!.entryId, postedOn: branchEntryOf.get(i.paymentId)!.entryDate })]),
    );
    await this.audit.recordMany(
      actor,
      items.map((i) => ({ action: 'payment.record', entityType: 'Payment', entityId: i.paymentId, branchId: i.branchId, after: { ...payments.get(i.paymentId)!, ...i.audit } })),
    );
    return items.map((i) => ({ payment: payments.get(i.paymentId)!, allocations: i.allocations, replayed: false }));
  }

  /** The command's money checked, its request hash (an exact retry's fingerprint) and its idempotency key (one made up when absent). */
  private checked(command: RecordPaymentCommand): Pick<Prepared, 'currency' | 'amount' | 'fee' | 'hash' | 'key'> {
    const currency = command.amount.currency;
    const amount = command.amount.amount;
    const fee = command.fee ?? 0n;
    this.validate(command, amount, fee);
    const hash = requestHash({ ...command, amount, currency, fee, allowCredit: command.allowCredit ?? false, idempotencyKey: undefined });
    return { currency, amount, fee, hash, key: command.idempotencyKey ?? `auto:${randomUUID()}` };
  }

  private validate(command: RecordPaymentCommand, amount: bigint, fee: bigint): void {
    if (amount <= 0n) throw PaymentsError.fromAllocation({ kind: 'NON_POSITIVE_AMOUNT' }, command.amount.currency);
    if (fee < 0n) throw R.FEE_NEGATIVE.at('input.fee');
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
  private async replay(key: string, hash: string, known?: Payment): Promise<RecordedPayment | null> {
    const earlier = known ?? (await this.payments.findByIdempotencyKey(key));
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
    throw R.PAYMENT_RACE.error();
  }

  /**
   * What each invoice named still owes, as the dues contract judged the (locked) rows; the first refusal
   * in request order, on its field (a paid one owes 0 with allowCredit: its share becomes credit).
   */
  private checkInvoices(currency: string, judged: InvoicesForPayment): OpenInvoice[] {
    return judged.invoices.map((v, index) => {
      if (v.refusal) throw PaymentsError.invoiceRefused(v, index, currency);
      return { invoiceId: v.invoiceId, outstanding: v.outstanding };
    });
  }
}

/** The payer of a command for the dues contract: its member and currency, its branch once chosen (else the invoices'), paid invoices only with allowCredit. */
function payerOf(command: RecordPaymentCommand, branchId?: string) {
  return { memberId: command.memberId, branchId, currency: command.amount.currency, acceptPaid: command.allowCredit ?? false };
}

/** The bulk path's running state of an invoice: `amount` applied (allocatePayment kept it within what is owed). */
function applyInMemory(invoice: Invoice, amount: bigint, paymentDate: string): Invoice {
  invoice.paidAmount += amount;
  const paid = invoice.paidAmount === invoice.amount;
  invoice.status = paid ? InvoiceStatus.PAID : InvoiceStatus.PARTIALLY_PAID;
  invoice.paidOn = paid ? paymentDate : null;
  return invoice;
}

/** What a settlement applies: the allocations summed per invoice (one row each), dated as the last one. */
function settledPerInvoice(rows: readonly { invoiceId: string; amount: bigint; appliedOn: string }[]): { invoiceId: string; amount: bigint; paymentDate: string }[] {
  const byInvoice = new Map<string, { invoiceId: string; amount: bigint; paymentDate: string }>();
  for (const row of rows) {
    const sum = byInvoice.get(row.invoiceId);
    byInvoice.set(row.invoiceId, { invoiceId: row.invoiceId, amount: (sum?.amount ?? 0n) + row.amount, paymentDate: row.appliedOn });
  }
  return [...byInvoice.values()];
}
