import { Controller, Get, HttpCode, Post, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { HealthService } from '#core';
import { Public } from '#auth';

@Controller()
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Get('health')
  @Public()
  async check(@Res() reply: FastifyReply): Promise<void> {
    const report = await this.health.check();
    await reply.status(report.status === 'ok' ? 200 : 503).send(report);
  }

  /** Liveness: 200 without touching the database or Redis. */
  @Get('health/live')
  @Public()
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** The same by POST (a body is read and dropped): the baseline route of the webhook benchmark. */
  @Post('health/live')
  @Public()
  @HttpCode(200)
  livePost(): { status: 'ok' } {
    return { status: 'ok' };
  }
}
