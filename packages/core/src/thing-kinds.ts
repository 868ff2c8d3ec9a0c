/** Thing kinds as stored in the votes, saved, hidden and reports tables (reddit's t1 and t3). */
export const KIND_COMMENT = 1;
export const KIND_POST = 3;
/** A private message (reddit's t4), as the inbox stores its kind. */
export const KIND_MESSAGE = 4;
