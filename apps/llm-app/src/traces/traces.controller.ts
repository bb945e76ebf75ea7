import { Controller, Get, Header, Param } from '@nestjs/common';
import { ApiExcludeEndpoint, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ApiCredentials } from '@app/auth';
import { ApiProblems, NotFoundError } from '@app/common';
import { TRACES_PATH } from './llm-tracing.options';
import { TraceBuffer } from './trace-buffer';
import { summaryOf, treeOf } from './trace-shape';
import { TRACE_WATERFALL_PAGE } from './trace-waterfall.page';
import { TraceListView, TraceTreeView } from './trace.views';

/** The recent traces kept in memory (LLM_TRACE_BUFFER_SIZE), with or without an OTLP backend. */
@ApiTags('traces')
// Any signed-in caller (the guard's default); the document says so, as for every other protected route.
@ApiCredentials()
@Controller(TRACES_PATH)
export class TracesController {
  constructor(private readonly buffer: TraceBuffer) {}

  @Get()
  @ApiOperation({ summary: 'Recent traces, newest first, with their token usage.' })
  @ApiOkResponse({ type: TraceListView })
  list(): TraceListView {
    return { traces: this.buffer.traceList().map(summaryOf) };
  }

  /** Declared before :traceId so "view" is not taken for an id. */
  @Get('view')
  @Header('content-type', 'text/html; charset=utf-8')
  @ApiExcludeEndpoint()
  view(): string {
    return TRACE_WATERFALL_PAGE;
  }

  @Get(':traceId')
  @ApiOperation({ summary: 'One trace as a span tree: spans nested under their parent, with attributes.' })
  @ApiParam({ name: 'traceId', example: '4bf92f3577b34da6a3ce929d0e0e4736' })
  @ApiOkResponse({ type: TraceTreeView })
  @ApiProblems(404)
  get(@Param('traceId') traceId: string): TraceTreeView {
    const spans = this.buffer.spansOf(traceId);
    if (spans === undefined || spans.length === 0) {
      throw new NotFoundError(`no trace ${traceId} among the recent traces kept in memory`);
    }
    return treeOf(spans);
  }
}
