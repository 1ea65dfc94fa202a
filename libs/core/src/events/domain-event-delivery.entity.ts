import { CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** An after-commit listener that has handled an event occurrence: a retried delivery skips it. */
@Entity('domain_event_deliveries')
export class DomainEventDelivery {
  @PrimaryColumn('text', { name: 'event_key' })
  eventKey: string;

  @PrimaryColumn('text')
  listener: string;

  @CreateDateColumn({ name: 'delivered_at', type: 'timestamptz' })
  deliveredAt: Date;
}
