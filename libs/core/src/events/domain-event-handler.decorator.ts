import { SetMetadata } from '@nestjs/common';
import type { DomainEventName, DomainEventPhase } from './domain-events.js';

export const DOMAIN_EVENT_HANDLER = Symbol('DOMAIN_EVENT_HANDLER');

export interface DomainEventHandlerSpec {
  event: DomainEventName;
  phase: DomainEventPhase;
}

/**
 * Marks a provider method as a listener of a domain event, e.g.
 * `@OnDomainEvent('invoice.paid', 'after-commit') issueReceipt(payload) {…}`.
 * Found at boot by DomainEventRegistry in every process (gateway, worker, CLI).
 */
export const OnDomainEvent = (event: DomainEventName, phase: DomainEventPhase): MethodDecorator =>
  SetMetadata(DOMAIN_EVENT_HANDLER, { event, phase } satisfies DomainEventHandlerSpec);
