import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { DOMAIN_EVENT_HANDLER, type DomainEventHandlerSpec } from './domain-event-handler.decorator.js';
import type { DomainEventName, DomainEventPayloads, DomainEventPhase } from './domain-events.js';

export interface RegisteredListener<K extends DomainEventName = DomainEventName> {
  /** `Class.method`: names the listener in delivery records, stable across deploys. */
  name: string;
  handle: (payload: DomainEventPayloads[K]) => Promise<unknown>;
}

/** The listeners of every domain event, found once at boot. */
@Injectable()
export class DomainEventRegistry implements OnModuleInit {
  private readonly listeners = new Map<string, RegisteredListener[]>();

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  onModuleInit(): void {
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance || typeof instance !== 'object' || !wrapper.isDependencyTreeStatic()) continue;
      const proto = Object.getPrototypeOf(instance) as object;
      for (const method of this.scanner.getAllMethodNames(proto)) {
        const fn = instance[method] as RegisteredListener['handle'];
        const spec = this.reflector.get<DomainEventHandlerSpec | undefined>(DOMAIN_EVENT_HANDLER, fn);
        if (!spec) continue;
        const key = `${spec.event}/${spec.phase}`;
        this.listeners.set(key, [...(this.listeners.get(key) ?? []), { name: `${proto.constructor.name}.${method}`, handle: fn.bind(instance) }]);
      }
    }
  }

  listenersOf<K extends DomainEventName>(event: K, phase: DomainEventPhase): readonly RegisteredListener<K>[] {
    return (this.listeners.get(`${event}/${phase}`) ?? []) as RegisteredListener<K>[];
  }
}
