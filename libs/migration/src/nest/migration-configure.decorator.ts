import { DiscoveryService } from '@nestjs/core';

/**
 * Marks a provider method as a configure callback: `(config, context) => config`. Found by
 * discovery, so the method can use anything injected into its provider (a ConfigService ...).
 */
export const MigrationConfigure = DiscoveryService.createDecorator<void>();
