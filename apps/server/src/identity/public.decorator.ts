import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'tessera:public';

/** The route needs no sign-in (health, login, refresh). Every other route does. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC, true);
