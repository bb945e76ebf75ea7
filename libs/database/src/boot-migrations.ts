import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AppConfig } from '@app/config';
import { DataSource } from 'typeorm';
import { runMigrations } from './migration-runner';

/** Applies pending migrations at boot when DATABASE_MIGRATIONS_RUN is on (development). */
@Injectable()
export class BootMigrations implements OnModuleInit {
  constructor(
    private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async onModuleInit(): Promise<void> {
    if (this.config.database.migrationsRun) await runMigrations(this.dataSource);
  }
}
