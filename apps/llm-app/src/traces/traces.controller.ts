import { Body, Controller, Get, Header, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiExcludeEndpoint,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { Public } from '@app/access';
import { ApiProblems, NotFoundError, ValidationFailedError } from '@app/errors';
import { AppConfig } from '@app/config';
import { TRACES_PATH } from './llm-tracing.options';
import { bufferedSpansOf, otlpTraceExport } from './otlp-spans';
import { TraceBuffer } from './trace-buffer';
import { summaryOf, treeOf } from './trace-shape';
import { TRACE_WATERFALL_PAGE } from './trace-waterfall.page';
import { TraceListView, TraceTreeView } from './trace.views';

/** The recent traces kept in memory (LLM_TRACE_BUFFER_SIZE), with or without an OTLP backend. */
@ApiTags('traces')
@Controller(TRACES_PATH)
export class TracesController {
  constructor(
    private readonly buffer: TraceBuffer,
    private readonly config: AppConfig,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Recent traces, newest first, with their token usage.' })
  @ApiBearerAuth()
  @ApiOkResponse({ type: TraceListView })
  @ApiProblems(401)
  list(): TraceListView {
    return { traces: this.buffer.traceList().map(summaryOf) };
  }

  /**
   * An OTLP/HTTP (JSON) traces receiver, so that `npm start` shows one trace across both
   * services: sample-app exports here and its spans join llm-app's under the same trace id
   * (decision 0071). Outside production only, behind the same access rule as the views.
   */
  @Post('otlp')
  @HttpCode(200)
  @ApiOperation({ summary: 'Receive spans from another service (OTLP/HTTP JSON; not in production).' })
  @ApiBearerAuth()
  @ApiBody({ description: 'An OTLP ExportTraceServiceRequest in its JSON encoding', schema: { type: 'object' } })
  @ApiOkResponse({
    description: 'An empty ExportTraceServiceResponse: every span was kept',
    schema: { type: 'object' },
  })
  @ApiProblems(400, 401, 404, 413)
  receive(@Body() body: unknown): Record<string, never> {
    if (this.config.app.env === 'production') throw new NotFoundError('the OTLP receiver is off in production');
    const parsed = otlpTraceExport.safeParse(body);
    if (!parsed.success) {
      throw new ValidationFailedError(
        parsed.error.issues.map((issue) => ({ field: issue.path.join('.'), message: issue.message })),
      );
    }
    for (const span of bufferedSpansOf(parsed.data)) this.buffer.add(span);
    return {};
  }

  /** Declared before :traceId so "view" is not taken for an id. */
  @Get('view')
  @Public()
  @Header('content-type', 'text/html; charset=utf-8')
  @ApiExcludeEndpoint()
  view(): string {
    return TRACE_WATERFALL_PAGE;
  }

  @Get(':traceId')
  @ApiOperation({ summary: 'One trace as a span tree: spans nested under their parent, with attributes.' })
  @ApiParam({ name: 'traceId', example: '4bf92f3577b34da6a3ce929d0e0e4736' })
  @ApiBearerAuth()
  @ApiOkResponse({ type: TraceTreeView })
  @ApiProblems(401, 404)
  get(@Param('traceId') traceId: string): TraceTreeView {
    const spans = this.buffer.spansOf(traceId);
    if (spans === undefined || spans.length === 0) {
      throw new NotFoundError(`no trace ${traceId} among the recent traces kept in memory`);
    }
    return treeOf(spans);
  }
}
