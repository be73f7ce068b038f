import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * Secrets generated once per installation (when KOLOM_SECRET is not set), kept in the database so
 * every node of a cluster signs and checks tokens with the same key.
 */
@Entity('instance_secrets')
export class InstanceSecret {
  @PrimaryColumn({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  value: string;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;
}
