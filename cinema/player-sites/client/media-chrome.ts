/**
 * The media-chrome page's script: defines media-chrome's controls and <hls-video>, a custom
 * element that keeps its <video> in an OPEN shadow root and plays HLS through hls.js.
 */
import 'media-chrome';
import 'hls-video-element';
