import { Controller, Headers, HttpCode, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '#auth';
import { StripeWebhookIntake } from '#payments';

/** POST /webhooks/stripe: verified on the raw body, stored, queued; 400 for anything unsigned or forged. */
@Controller('webhooks')
export class StripeWebhookController {
  constructor(private readonly intake: StripeWebhookIntake) {}

  @Post('stripe')
  @Public()
  @HttpCode(200)
  async receive(@Req() req: FastifyRequest & { rawBody?: Buffer }, @Headers('stripe-signature') signature: string | undefined, @Res() reply: FastifyReply): Promise<void> {
    const result = await this.intake.receive(req.rawBody, signature);
    if (!result.accepted) {
      await reply.status(400).send({ error: 'invalid signature / 署名を確認できません' });
      return;
    }
    await reply.status(200).send({ received: true, duplicate: result.duplicate });
  }
}
