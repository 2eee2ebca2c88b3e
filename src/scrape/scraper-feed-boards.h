/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "model/scraper-posting.h"

G_BEGIN_DECLS

/* Job boards whose RSS feeds pack fields into text by a convention of
 * their own: We Work Remotely's titles read "Company: Title", Research
 * Computing Teams' "Title - Organisation" with a "Location:" line in the
 * text.  A feed is known by its channel's link or its own address, never
 * by how its titles look: on any other feed a colon or a dash in a title
 * is part of the title.  Internal to src/scrape. */
typedef struct _ScraperFeedBoard ScraperFeedBoard;

/* The board of a feed whose channel links to @channel_link (nullable) or
 * that was read from @feed_url (nullable); NULL for any other feed. */
const ScraperFeedBoard *scraper_feed_board_find    (const char             *channel_link,
                                                    const char             *feed_url);
/* Whether the board lists remote work only (We Work Remotely). */
gboolean                scraper_feed_board_remote_only (const ScraperFeedBoard *board);
/* Splits @posting's title into title and company, and reads the place
 * from the text, as @board writes them; leaves what does not follow the
 * convention as it is. */
void                    scraper_feed_board_unpack  (const ScraperFeedBoard *board,
                                                    ScraperPosting         *posting);

G_END_DECLS
