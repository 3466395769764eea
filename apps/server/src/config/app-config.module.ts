import { Global, Module, type DynamicModule } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { AppConfigService } from './app-config.service';
import type { AppConfig } from './env.variables';

/**
 * Holds settings already validated by `loadConfig`. process.env is skipped on purpose:
 * tests boot several apps with different settings in one process.
 */
@Global()
@Module({})
export class AppConfigModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppConfigModule,
      imports: [
        ConfigModule.forRoot({
          ignoreEnvFile: true,
          skipProcessEnv: true,
          validatePredefined: false,
          load: [() => ({ ...config })],
        }),
      ],
      providers: [AppConfigService],
      exports: [AppConfigService],
    };
  }
}
