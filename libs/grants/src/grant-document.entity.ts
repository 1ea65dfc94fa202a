import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { GrantDocumentKind } from './grant-enums.js';

/** A file attached to an application (quote, enrolment confirmation, certificate), with its checksum. */
@Entity('grant_documents')
@Index('grant_documents_application_idx', ['applicationId', 'kind'])
export class GrantDocument {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'application_id' })
  applicationId: string;

  @Column('text')
  kind: GrantDocumentKind;

  @Column('text', { name: 'file_name' })
  fileName: string;

  @Column('text', { name: 'content_type' })
  contentType: string;

  @Column('integer', { name: 'size_bytes' })
  sizeBytes: number;

  /** Hex SHA-256 of the content, checked against the uploader's. */
  @Column('text')
  sha256: string;

  @Column('bytea', { select: false })
  content: Buffer;

  @Column('uuid', { name: 'uploaded_by' })
  uploadedBy: string;

  @CreateDateColumn({ name: 'uploaded_at', type: 'timestamptz' })
  uploadedAt: Date;
}
