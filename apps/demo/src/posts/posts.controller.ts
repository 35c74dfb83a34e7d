import { Controller, Get } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { Post } from './post.entity';

@Controller('posts')
export class PostsController {
  constructor(@InjectRepository(Post) private readonly posts: Repository<Post>) {}

  @Get()
  findAll(): Promise<Post[]> {
    return this.posts.find({ relations: { author: true, tags: true }, order: { id: 'ASC' } });
  }
}
