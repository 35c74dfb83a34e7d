import { PageView } from './analytics/page-view.entity';
import { Post } from './posts/post.entity';
import { Tag } from './tags/tag.entity';
import { User } from './users/user.entity';

/** Every entity of the demo: the schema its migrations describe and autogenerate compares. */
export const ENTITIES = [User, Post, Tag];

/** The entities of the analytics database, used when ANALYTICS_DATABASE_URL is set. */
export const ANALYTICS_ENTITIES = [PageView];
