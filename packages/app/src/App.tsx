import { createApp } from '@backstage/frontend-defaults';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import { liveSignalsModule } from '@internal/plugin-kubevirt-gitops/alpha';
import { navModule } from './modules/nav';

/**
 * The app uses the new frontend system. Plugin packages listed in
 * package.json are discovered automatically (`app.packages: all` in
 * app-config.yaml). A plugin that only exports legacy
 * `@backstage/core-plugin-api` components is hosted by wrapping it with
 * `convertLegacyPlugin` / `compatWrapper` from `@backstage/core-compat-api`
 * and adding it to `features` below.
 *
 * `liveSignalsModule` gives the discovered signals plugin a client that
 * says whether its connection is up, so the kubevirt-gitops pages stop
 * polling while live signals arrive (and poll again when they cannot).
 */
export default createApp({
  features: [catalogPlugin, navModule, liveSignalsModule],
});
