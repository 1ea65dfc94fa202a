import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { notificationsEntities } from './entities.js';

@Module({
  imports: [TypeOrmModule.forFeature(notificationsEntities)],
  providers: [],
  exports: [],
})
export class NotificationsModule {}
