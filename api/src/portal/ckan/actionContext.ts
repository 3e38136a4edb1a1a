import type { Knex } from 'knex';
import type { PrivacyClass } from '@kbs/core';
import type { Principal } from '../../access/permissions';
import type { ActionParams } from './actionParams';

/** What an action knows of its request: no Koa context, so actions stay testable and HTTP-free. */
export interface ActionContext {
  knex: Knex;
  principal: Principal;
  clearance: PrivacyClass;
  /** Absolute base of links (PUBLIC_URL or the request's origin). */
  baseUrl: string;
  /** The request's path and query string, as CKAN builds `_links` from it. */
  requestUrl: string;
}

export type ActionHandler = (context: ActionContext, params: ActionParams) => Promise<unknown>;
