-- Up Migration
--
-- Private messages and the inbox. A message (reddit's t4) goes from one account to another; a
-- reply names the message it answers and the conversation's first. Each account's inbox lists
-- what reached it: messages, and replies to its posts and comments (written in the reply's own
-- transaction), with whether it has been read. An inbox item's id is its thing's (message and
-- comment ids come from one generator), so its primary key orders the inbox newest first.
CREATE TABLE messages (
  id               bigint      NOT NULL,
  author_id        bigint      NOT NULL,
  recipient_id     bigint      NOT NULL,
  subject          text        NOT NULL,
  body             text        NOT NULL,
  first_message_id bigint,
  parent_id        bigint,
  created_at       timestamptz(3) NOT NULL DEFAULT now(),
  CONSTRAINT messages_pkey PRIMARY KEY (id),
  CONSTRAINT messages_author_id_fkey FOREIGN KEY (author_id) REFERENCES users (id) ON DELETE RESTRICT ON UPDATE NO ACTION,
  CONSTRAINT messages_recipient_id_fkey FOREIGN KEY (recipient_id) REFERENCES users (id) ON DELETE RESTRICT ON UPDATE NO ACTION
);
CREATE INDEX messages_author_id_id_idx ON messages (author_id, id DESC);

CREATE TABLE inbox_items (
  user_id    bigint      NOT NULL,
  thing_id   bigint      NOT NULL,
  kind       smallint    NOT NULL,
  unread     boolean     NOT NULL DEFAULT true,
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  CONSTRAINT inbox_items_pkey PRIMARY KEY (user_id, thing_id),
  CONSTRAINT inbox_items_kind_check CHECK (kind IN (1, 4)),
  CONSTRAINT inbox_items_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE ON UPDATE NO ACTION
);
-- Every logged-in page asks whether there is unread mail.
CREATE INDEX inbox_items_unread_idx ON inbox_items (user_id) WHERE unread;

-- Down Migration
DROP TABLE inbox_items;
DROP TABLE messages;
