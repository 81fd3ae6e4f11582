/*
 * The request tracker's outbox (src/live/requests): a notification is
 * written here in the transaction that records its step, then sent; one the
 * notifications backend refused stays and is sent again with backoff (by
 * whichever replica claims it first), so a step is notified even when the
 * notifications service was down at that moment. The key is the
 * notification's scope, unique per state change (Backstage updates a
 * notification of the same scope rather than adding one, so a send that is
 * retried after an unseen success does not give two).
 */

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.createTable(
    'kubevirt_gitops_notification_outbox',
    table => {
      table.comment(
        'Notifications recorded but not yet accepted by the notifications service',
      );
      table.string('scope', 600).primary().notNullable();
      table.string('what', 40).notNullable();
      table.text('recipients').notNullable();
      table.text('payload').notNullable();
      table.integer('attempts').notNullable().defaultTo(0);
      table.bigInteger('next_at').notNullable();
      table.bigInteger('claimed_at').nullable();
      table.bigInteger('created_at').notNullable();
      table.index(['next_at'], 'kubevirt_gitops_notification_outbox_next_idx');
    },
  );
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('kubevirt_gitops_notification_outbox');
};
