// HTML → Document in Node (CLI, tests, bench) with happy-dom. Scripts never run and nothing is
// fetched: a saved page is only read.
import { Window } from 'happy-dom';

export interface ParsedPage {
  document: Document;
  close: () => void;
}

export function parseHtml(html: string): ParsedPage {
  const window = new Window({
    url: 'https://www.linkedin.com/',
    settings: {
      disableJavaScriptEvaluation: true,
      disableJavaScriptFileLoading: true,
      disableCSSFileLoading: true,
      disableIframePageLoading: true,
      disableComputedStyleRendering: true,
      handleDisabledFileLoadingAsSuccess: true,
      navigation: { disableMainFrameNavigation: true, disableChildFrameNavigation: true },
    },
  });
  const parser = new window.DOMParser();
  const document = parser.parseFromString(html, 'text/html') as unknown as Document;
  return { document, close: () => void window.happyDOM.close() };
}
