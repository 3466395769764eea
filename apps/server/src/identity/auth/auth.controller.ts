import { Body, Controller, HttpCode, Post, Req, UseInterceptors } from '@nestjs/common';
import type { Request } from 'express';
import { BodyReader } from '../request-body';
import { Public } from '../public.decorator';
import { unauthenticated } from '../identity.errors';
import { AuthService, type TokenPair } from './auth.service';
import { RetryAfterInterceptor } from './retry-after.interceptor';
import { TokenService } from './token.service';

@Controller('auth')
@UseInterceptors(RetryAfterInterceptor)
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly tokens: TokenService,
  ) {}

  /** { username, password } -> access token, refresh token and the user. */
  @Public()
  @Post('login')
  @HttpCode(200)
  login(@Body() body: unknown, @Req() req: Request): Promise<TokenPair> {
    const b = new BodyReader(body);
    const username = b.text('username', { required: true, max: 128 });
    const password = b.text('password', { required: true, max: 1024 });
    b.done();
    return this.auth.login(username, password, { ip: req.ip ?? null, userAgent: req.get('user-agent') ?? null });
  }

  /** { refreshToken } -> a new pair; the presented refresh token stops working. */
  @Public()
  @Post('refresh')
  @HttpCode(200)
  refresh(@Body() body: unknown): Promise<TokenPair> {
    const b = new BodyReader(body);
    const refreshToken = b.text('refreshToken', { required: true, max: 200 });
    b.done();
    return this.auth.refresh(refreshToken);
  }

  /**
   * Ends a session: the one of `refreshToken` in the body, else the one of the Bearer
   * access token. Public so that a client whose access token expired can still sign out.
   */
  @Public()
  @Post('logout')
  @HttpCode(204)
  async logout(@Body() body: unknown, @Req() req: Request): Promise<void> {
    const b = new BodyReader(body ?? {});
    const refreshToken = b.text('refreshToken', { max: 200 });
    b.done();
    const bearer = /^Bearer\s+(\S+)\s*$/i.exec(req.get('authorization') ?? '')?.[1];
    const claims = !refreshToken && bearer && !bearer.startsWith('tsk_') ? await this.tokens.verify(bearer) : undefined;
    const ended = await this.auth.logout({ refreshToken, sessionId: claims?.sessionId, userId: claims?.userId });
    if (!ended) throw unauthenticated('No active session to end', 'session-unknown');
  }
}
