import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A visit to a page, kept in the separate analytics database when ANALYTICS_DATABASE_URL is
 * set: the demo's example of one migration history managing two databases.
 */
@Entity({ name: 'page_views' })
export class PageView {
  @PrimaryGeneratedColumn()
  id!: number;

  @Index()
  @Column({ type: 'varchar', length: 200 })
  path!: string;

  @CreateDateColumn({ name: 'viewed_at' })
  viewedAt!: Date;
}
