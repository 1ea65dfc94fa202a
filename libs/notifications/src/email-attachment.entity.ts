import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A file sent with an e-mail (a receipt's PDF), stored with the message so a resend sends the same bytes. */
@Entity('email_attachments')
@Index('email_attachments_email_idx', ['emailId', 'position'], { unique: true })
export class EmailAttachment {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'email_id' })
  emailId: string;

  @Column('int')
  position: number;

  @Column('text')
  filename: string;

  @Column('text', { name: 'content_type' })
  contentType: string;

  @Column('bytea')
  content: Buffer;
}
