/**
 * The names of the search commands of Splunk's Search Reference, with the
 * aliases it lists (bucket for bin, kv for extract, counttable and ctable for
 * contingency, run for script): "Search Commands", Splunk Enterprise Search
 * Reference 10.0, https://help.splunk.com/en/splunk-enterprise/spl-search-reference/10.0/search-commands
 * (the command quick reference lists the same names).
 *
 * A command splinter does not run is "not implemented yet" only when its name
 * is here; any other name is an unknown command, usually a typing slip, and
 * gets a did-you-mean hint.
 */
export const SPL_COMMANDS: ReadonlySet<string> = new Set([
  'abstract', 'accum', 'addcoltotals', 'addinfo', 'addtotals', 'analyzefields', 'anomalies', 'anomalousvalue',
  'anomalydetection', 'append', 'appendcols', 'appendpipe', 'arules', 'associate', 'autoregress', 'awssnsalert',
  'bin', 'bucket', 'bucketdir', 'chart', 'cluster', 'cofilter', 'collect', 'concurrency', 'contingency', 'convert',
  'correlate', 'counttable', 'ctable', 'datamodel', 'datamodelsimple', 'dbinspect', 'dedup', 'delete', 'delta', 'diff',
  'dump', 'entitymerge', 'erex', 'eval', 'eventcount', 'eventstats', 'extract', 'fieldformat', 'fields',
  'fieldsummary', 'filldown', 'fillnull', 'findtypes', 'folderize', 'foreach', 'format', 'from', 'fromjson', 'gauge',
  'gentimes', 'geom', 'geomfilter', 'geostats', 'head', 'highlight', 'history', 'iconify', 'inputcsv',
  'inputintelligence', 'inputlookup', 'iplocation', 'join', 'kmeans', 'kv', 'kvform', 'loadjob', 'localize',
  'localop', 'lookup', 'makecontinuous', 'makemv', 'makeresults', 'map', 'mcatalog', 'mcollect', 'metadata',
  'metasearch', 'meventcollect', 'mpreview', 'msearch', 'mstats', 'multikv', 'multisearch', 'mvcombine', 'mvexpand',
  'nomv', 'noop', 'outlier', 'outputcsv', 'outputlookup', 'outputtext', 'overlap', 'pivot', 'predict', 'rangemap',
  'rare', 'redistribute', 'regex', 'reltime', 'rename', 'replace', 'require', 'rest', 'return', 'reverse', 'rex',
  'rtorder', 'run', 'savedsearch', 'script', 'scrub', 'search', 'searchtxn', 'selfjoin', 'sendalert', 'sendemail',
  'set', 'setfields', 'sichart', 'sirare', 'sistats', 'sitimechart', 'sitop', 'sort', 'spath', 'stats', 'strcat',
  'streamstats', 'table', 'tags', 'tail', 'timechart', 'timewrap', 'tojson', 'top', 'transaction', 'transpose',
  'trendline', 'tscollect', 'tstats', 'typeahead', 'typelearner', 'typer', 'union', 'uniq', 'untable', 'walklex',
  'where', 'x11', 'xmlkv', 'xmlunescape', 'xpath', 'xyseries',
]);
