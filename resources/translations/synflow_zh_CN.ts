<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
    <context>
        <name>AboutDialog</name>
        <message>
            <source>About SynFlow</source>
            <translation>关于 SynFlow</translation>
        </message>
        <message>
            <source>A packet capture viewer that follows TCP conversations, with flow graphs.</source>
            <translation>跟踪 TCP 会话并绘制流图的数据包捕获查看器。</translation>
        </message>
        <message>
            <source>SynFlow is free software, released under the GNU General Public License, version 2. It comes with ABSOLUTELY NO WARRANTY.</source>
            <translation>SynFlow 是自由软件，依照 GNU 通用公共许可证第 2 版发布，不提供任何担保。</translation>
        </message>
        <message>
            <source>Close</source>
            <translation>关闭</translation>
        </message>
    </context>
    <context>
        <name>CaptureController</name>
        <message>
            <source>The capture filter "%1" is not valid: %2</source>
            <translation>捕获过滤器“%1”无效：%2</translation>
        </message>
        <message>
            <source>Unsaved capture</source>
            <translation>未保存的捕获</translation>
        </message>
        <message numerus="yes">
            <source>Save the %n captured packet(s) first? Otherwise they are deleted.</source>
            <translation>
                <numerusform>是否先保存已捕获的 %n 个数据包？否则它们将被删除。</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n packet(s)</source>
            <translation>
                <numerusform>%n 个数据包</numerusform>
            </translation>
        </message>
        <message>
            <source> · received %1 · dropped %2</source>
            <translation> · 已接收 %1 · 已丢弃 %2</translation>
        </message>
        <message>
            <source>Capturing on %1: %2</source>
            <translation>正在 %1 上捕获：%2</translation>
        </message>
        <message>
            <source>Captured on %1: %2</source>
            <translation>已在 %1 上捕获：%2</translation>
        </message>
        <message numerus="yes">
            <source>The %n packet(s) captured before are kept.</source>
            <translation>
                <numerusform>之前捕获的 %n 个数据包已保留。</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>CaptureDialog</name>
        <message>
            <source>Capture Options</source>
            <translation>捕获选项</translation>
        </message>
        <message>
            <source>Capture filter, e.g. tcp port 22 (empty: everything)</source>
            <translation>捕获过滤器，例如 tcp port 22（留空则捕获全部）</translation>
        </message>
        <message>
            <source> bytes</source>
            <translation> 字节</translation>
        </message>
        <message>
            <source>Promiscuous mode (see traffic of other hosts on the link)</source>
            <translation>混杂模式（可看到链路上其他主机的流量）</translation>
        </message>
        <message>
            <source> MiB</source>
            <translation> MiB</translation>
        </message>
        <message>
            <source>after</source>
            <translation>达到</translation>
        </message>
        <message>
            <source> packets</source>
            <translation> 个数据包</translation>
        </message>
        <message>
            <source> seconds</source>
            <translation> 秒</translation>
        </message>
        <message>
            <source> megabytes</source>
            <translation> 兆字节</translation>
        </message>
        <message>
            <source>Capture &amp;filter:</source>
            <translation>捕获过滤器(&amp;F)：</translation>
        </message>
        <message>
            <source>&amp;Snapshot length:</source>
            <translation>快照长度(&amp;S)：</translation>
        </message>
        <message>
            <source>&amp;Buffer size:</source>
            <translation>缓冲区大小(&amp;B)：</translation>
        </message>
        <message>
            <source>Stop capturing automatically</source>
            <translation>自动停止捕获</translation>
        </message>
        <message>
            <source>&amp;Start</source>
            <translation>开始(&amp;S)</translation>
        </message>
        <message>
            <source>Double-click an interface to start capturing on it. The line shows its packets per second.</source>
            <translation>双击某个接口即可在其上开始捕获。曲线显示该接口每秒的数据包数。</translation>
        </message>
        <message>
            <source>Cannot list interfaces: %1</source>
            <translation>无法列出接口：%1</translation>
        </message>
    </context>
    <context>
        <name>CaptureFiles</name>
        <message>
            <source>Open Capture</source>
            <translation>打开捕获文件</translation>
        </message>
        <message>
            <source>pcapng (*.pcapng)</source>
            <translation>pcapng (*.pcapng)</translation>
        </message>
        <message>
            <source>pcap (*.pcap)</source>
            <translation>pcap (*.pcap)</translation>
        </message>
        <message>
            <source>Save Capture As</source>
            <translation>捕获另存为</translation>
        </message>
        <message>
            <source>Drop one capture file (pcap or pcapng) to open it.</source>
            <translation>请只拖放一个捕获文件（pcap 或 pcapng）以打开。</translation>
        </message>
        <message>
            <source>%1 is a folder, not a capture file.</source>
            <translation>%1 是文件夹，不是捕获文件。</translation>
        </message>
        <message>
            <source>Captures (*.pcap *.pcapng *.cap *.ntar *.gz *.zst *.lz4);;All files (*)</source>
            <translation>捕获文件 (*.pcap *.pcapng *.cap *.ntar *.gz *.zst *.lz4);;所有文件 (*)</translation>
        </message>
    </context>
    <context>
        <name>CaptureLoader</name>
        <message>
            <source>damaged at byte %1: %2</source>
            <translation>在第 %1 字节处损坏：%2</translation>
        </message>
    </context>
    <context>
        <name>CapturePropertiesWindow</name>
        <message>
            <source>File</source>
            <translation>文件</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>名称</translation>
        </message>
        <message>
            <source>Length</source>
            <translation>长度</translation>
        </message>
        <message>
            <source>%1 bytes</source>
            <translation>%1 字节</translation>
        </message>
        <message>
            <source>Format</source>
            <translation>格式</translation>
        </message>
        <message>
            <source>link type %1</source>
            <translation>链路类型 %1</translation>
        </message>
        <message>
            <source>Encapsulation</source>
            <translation>封装</translation>
        </message>
        <message>
            <source>Snapshot length</source>
            <translation>快照长度</translation>
        </message>
        <message>
            <source>Time</source>
            <translation>时间</translation>
        </message>
        <message>
            <source>First packet</source>
            <translation>第一个分组</translation>
        </message>
        <message>
            <source>Last packet</source>
            <translation>最后一个分组</translation>
        </message>
        <message>
            <source>Elapsed</source>
            <translation>经过时间</translation>
        </message>
        <message>
            <source>%1 s</source>
            <translation>%1 秒</translation>
        </message>
        <message>
            <source>Time precision</source>
            <translation>时间精度</translation>
        </message>
        <message numerus="yes">
            <source>%n decimal place(s)</source>
            <translation>
                <numerusform>%n 位小数</numerusform>
            </translation>
        </message>
        <message>
            <source>Strict time order</source>
            <translation>严格时间顺序</translation>
        </message>
        <message>
            <source>Yes</source>
            <translation>是</translation>
        </message>
        <message>
            <source>No</source>
            <translation>否</translation>
        </message>
        <message>
            <source>Interfaces</source>
            <translation>接口</translation>
        </message>
        <message>
            <source>Interface #%1</source>
            <translation>接口 #%1</translation>
        </message>
        <message>
            <source>Description</source>
            <translation>描述</translation>
        </message>
        <message>
            <source>Link type</source>
            <translation>链路类型</translation>
        </message>
        <message>
            <source>Packet size limit</source>
            <translation>分组大小限制</translation>
        </message>
        <message>
            <source>Packets</source>
            <translation>分组</translation>
        </message>
        <message>
            <source>Statistics</source>
            <translation>统计</translation>
        </message>
        <message>
            <source>Time span</source>
            <translation>时间跨度</translation>
        </message>
        <message>
            <source>Average packets/s</source>
            <translation>平均分组/秒</translation>
        </message>
        <message>
            <source>N/A</source>
            <translation>不适用</translation>
        </message>
        <message>
            <source>Average packet size</source>
            <translation>平均分组大小</translation>
        </message>
        <message>
            <source>Bytes</source>
            <translation>字节</translation>
        </message>
        <message>
            <source>Average bytes/s</source>
            <translation>平均字节/秒</translation>
        </message>
        <message>
            <source>Average bits/s</source>
            <translation>平均比特/秒</translation>
        </message>
        <message>
            <source>Damage</source>
            <translation>损坏</translation>
        </message>
        <message>
            <source>None</source>
            <translation>无</translation>
        </message>
        <message>
            <source>Capture File Properties</source>
            <translation>捕获文件属性</translation>
        </message>
        <message>
            <source>Property</source>
            <translation>属性</translation>
        </message>
        <message>
            <source>Value</source>
            <translation>值</translation>
        </message>
        <message>
            <source>Capture file properties</source>
            <translation>捕获文件属性</translation>
        </message>
        <message>
            <source>Copy to Clipboard</source>
            <translation>复制到剪贴板</translation>
        </message>
        <message>
            <source>Computing…</source>
            <translation>正在计算…</translation>
        </message>
        <message>
            <source>Unavailable</source>
            <translation>不可用</translation>
        </message>
        <message>
            <source>SHA256</source>
            <translation>SHA256</translation>
        </message>
        <message>
            <source>SHA1</source>
            <translation>SHA1</translation>
        </message>
        <message>
            <source>Section #%1</source>
            <translation>节 #%1</translation>
        </message>
        <message>
            <source>Section</source>
            <translation>节</translation>
        </message>
        <message>
            <source>Hardware</source>
            <translation>硬件</translation>
        </message>
        <message>
            <source>Operating system</source>
            <translation>操作系统</translation>
        </message>
        <message>
            <source>Application</source>
            <translation>应用程序</translation>
        </message>
        <message>
            <source>Comment</source>
            <translation>注释</translation>
        </message>
        <message>
            <source>Capture filter</source>
            <translation>捕获过滤器</translation>
        </message>
        <message>
            <source>Speed</source>
            <translation>速率</translation>
        </message>
        <message>
            <source>Time resolution</source>
            <translation>时间分辨率</translation>
        </message>
        <message numerus="yes">
            <source>0x%1 (%n decimal place(s))</source>
            <translation>
                <numerusform>0x%1（%n 位小数）</numerusform>
            </translation>
        </message>
        <message>
            <source>Statistics blocks</source>
            <translation>统计块</translation>
        </message>
        <message>
            <source>Dropped packets</source>
            <translation>丢弃的数据包</translation>
        </message>
        <message>
            <source>Unknown</source>
            <translation>未知</translation>
        </message>
    </context>
    <context>
        <name>ExpertInfoWindow</name>
        <message>
            <source>No capture file loaded (or it is still loading)</source>
            <translation>未加载捕获文件（或仍在加载）</translation>
        </message>
        <message>
            <source>No expert items</source>
            <translation>没有专家信息条目</translation>
        </message>
        <message>
            <source>%1 items shown</source>
            <translation>显示 %1 个条目</translation>
        </message>
        <message>
            <source>Expert Information</source>
            <translation>专家信息</translation>
        </message>
        <message>
            <source>Expert items</source>
            <translation>专家信息条目</translation>
        </message>
        <message>
            <source>Show %1 items</source>
            <translation>显示%1条目</translation>
        </message>
    </context>
    <context>
        <name>ExpertTreeModel</name>
        <message>
            <source>Error</source>
            <translation>错误</translation>
        </message>
        <message>
            <source>Warning</source>
            <translation>警告</translation>
        </message>
        <message>
            <source>Note</source>
            <translation>注意</translation>
        </message>
        <message>
            <source>Chat</source>
            <translation>对话</translation>
        </message>
        <message>
            <source>Comment</source>
            <translation>注释</translation>
        </message>
        <message>
            <source>Packet %1</source>
            <translation>分组 %1</translation>
        </message>
        <message>
            <source>Severity / Summary / Packet</source>
            <translation>严重程度 / 摘要 / 分组</translation>
        </message>
        <message>
            <source>Group</source>
            <translation>组</translation>
        </message>
        <message>
            <source>Protocol</source>
            <translation>协议</translation>
        </message>
        <message>
            <source>Count</source>
            <translation>计数</translation>
        </message>
    </context>
    <context>
        <name>FileFollower</name>
        <message numerus="yes">
            <source>%1 was cut short at byte %2 by another program; the %n packet(s) before it are kept</source>
            <translation>
                <numerusform>%1 在第 %2 字节处被其他程序截断；保留其之前的 %n 个数据包</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>FindBar</name>
        <message>
            <source>Packet list</source>
            <translation>分组列表</translation>
        </message>
        <message>
            <source>Packet details</source>
            <translation>分组详情</translation>
        </message>
        <message>
            <source>Packet bytes</source>
            <translation>分组字节</translation>
        </message>
        <message>
            <source>Search in</source>
            <translation>搜索范围</translation>
        </message>
        <message>
            <source>Case sensitive</source>
            <translation>区分大小写</translation>
        </message>
        <message>
            <source>Display filter</source>
            <translation>显示过滤器</translation>
        </message>
        <message>
            <source>Hex value</source>
            <translation>十六进制值</translation>
        </message>
        <message>
            <source>String</source>
            <translation>字符串</translation>
        </message>
        <message>
            <source>Search for</source>
            <translation>搜索类型</translation>
        </message>
        <message>
            <source>Text to find</source>
            <translation>要查找的文本</translation>
        </message>
        <message>
            <source>e.g. tcp.flags.reset == 1</source>
            <translation>例如 tcp.flags.reset == 1</translation>
        </message>
        <message>
            <source>e.g. 47 45 54</source>
            <translation>例如 47 45 54</translation>
        </message>
        <message>
            <source>e.g. HTTP/1.1</source>
            <translation>例如 HTTP/1.1</translation>
        </message>
        <message>
            <source>Find</source>
            <translation>查找</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>取消</translation>
        </message>
        <message>
            <source>Close the find bar</source>
            <translation>关闭查找栏</translation>
        </message>
        <message>
            <source>Find Packet</source>
            <translation>查找分组</translation>
        </message>
        <message>
            <source>Stop searching</source>
            <translation>停止查找</translation>
        </message>
        <message>
            <source>Search progress</source>
            <translation>查找进度</translation>
        </message>
    </context>
    <context>
        <name>FlowBracket</name>
        <message>
            <source>three-way handshake</source>
            <translation>三次握手</translation>
        </message>
        <message>
            <source>four-way teardown</source>
            <translation>四次挥手</translation>
        </message>
        <message>
            <source>three-segment teardown</source>
            <translation>三段式挥手</translation>
        </message>
        <message>
            <source>simultaneous close</source>
            <translation>同时关闭</translation>
        </message>
        <message>
            <source>reset</source>
            <translation>重置</translation>
        </message>
        <message>
            <source>refused connection</source>
            <translation>连接被拒绝</translation>
        </message>
    </context>
    <context>
        <name>FlowPainter</name>
        <message>
            <source>⋯ %1 min later</source>
            <translation>⋯ %1 分钟后</translation>
        </message>
        <message>
            <source>⋯ %1 s later</source>
            <translation>⋯ %1 秒后</translation>
        </message>
        <message>
            <source>Time</source>
            <translation>时间</translation>
        </message>
        <message>
            <source>time gap ≥ 1 s</source>
            <translation>时间间隔 ≥ 1 秒</translation>
        </message>
        <message>
            <source>cannot write %1: %2</source>
            <translation>无法写入 %1：%2</translation>
        </message>
        <message>
            <source>a PNG holds at most %1 arrows of this graph; export PDF or SVG, or pick fewer packets</source>
            <translation>PNG 最多容纳此图的 %1 个箭头；请导出为 PDF 或 SVG，或选择更少的数据包</translation>
        </message>
        <message>
            <source>cannot write the PNG</source>
            <translation>无法写入 PNG</translation>
        </message>
        <message>
            <source>SynFlow flow graph</source>
            <translation>SynFlow 流图</translation>
        </message>
        <message>
            <source>cannot write the PDF</source>
            <translation>无法写入 PDF</translation>
        </message>
        <message>
            <source>fast retransmission</source>
            <translation>快速重传</translation>
        </message>
        <message>
            <source>spurious retransmission</source>
            <translation>虚假重传</translation>
        </message>
        <message>
            <source>retransmission</source>
            <translation>重传</translation>
        </message>
        <message>
            <source>dup ACK #%1</source>
            <translation>重复确认 #%1</translation>
        </message>
        <message>
            <source>dup ACK</source>
            <translation>重复确认</translation>
        </message>
        <message>
            <source>zero-window probe</source>
            <translation>零窗口探测</translation>
        </message>
        <message>
            <source>zero-window probe ACK</source>
            <translation>零窗口探测的确认</translation>
        </message>
        <message>
            <source>keep-alive</source>
            <translation>保活</translation>
        </message>
        <message>
            <source>keep-alive ACK</source>
            <translation>保活确认</translation>
        </message>
        <message>
            <source>zero window</source>
            <translation>零窗口</translation>
        </message>
        <message>
            <source>window full</source>
            <translation>窗口已满</translation>
        </message>
        <message>
            <source>out-of-order</source>
            <translation>乱序</translation>
        </message>
        <message>
            <source>window update</source>
            <translation>窗口更新</translation>
        </message>
    </context>
    <context>
        <name>FlowPanel</name>
        <message>
            <source>Selected TCP conversation</source>
            <translation>所选 TCP 会话</translation>
        </message>
        <message>
            <source>All TCP packets</source>
            <translation>全部 TCP 数据包</translation>
        </message>
        <message>
            <source>Displayed TCP packets</source>
            <translation>已显示的 TCP 数据包</translation>
        </message>
        <message>
            <source>Ticked conversations</source>
            <translation>勾选的会话</translation>
        </message>
        <message>
            <source>Lifeline per address</source>
            <translation>每个地址一条生命线</translation>
        </message>
        <message>
            <source>Lifeline per address and port</source>
            <translation>每个地址和端口一条生命线</translation>
        </message>
        <message>
            <source>Export…</source>
            <translation>导出…</translation>
        </message>
        <message>
            <source>Save this diagram as PNG, SVG, PDF or text (tshark's flow layout)</source>
            <translation>将此图保存为 PNG、SVG、PDF 或文本（tshark 的流图格式）</translation>
        </message>
        <message>
            <source>Tick the conversations to draw</source>
            <translation>勾选要绘制的会话</translation>
        </message>
        <message numerus="yes">
            <source>#%1  %2 ↔ %3  (%n packet(s))</source>
            <translation>
                <numerusform>#%1  %2 ↔ %3  （%n 个数据包）</numerusform>
            </translation>
        </message>
        <message>
            <source>cannot write %1: %2</source>
            <translation>无法写入 %1：%2</translation>
        </message>
        <message>
            <source>PNG image (*.png)</source>
            <translation>PNG 图像 (*.png)</translation>
        </message>
        <message>
            <source>SVG drawing (*.svg)</source>
            <translation>SVG 矢量图 (*.svg)</translation>
        </message>
        <message>
            <source>PDF document (*.pdf)</source>
            <translation>PDF 文档 (*.pdf)</translation>
        </message>
        <message>
            <source>Text, tshark's flow layout (*.txt)</source>
            <translation>文本，tshark 流图格式 (*.txt)</translation>
        </message>
        <message>
            <source>Export Flow Graph</source>
            <translation>导出流图</translation>
        </message>
        <message>
            <source>TCP flows</source>
            <translation>TCP 流</translation>
        </message>
        <message>
            <source>All flows</source>
            <translation>全部流</translation>
        </message>
        <message>
            <source>Lifelines</source>
            <translation>生命线</translation>
        </message>
        <message>
            <source>Packets drawn</source>
            <translation>绘制的数据包</translation>
        </message>
        <message>
            <source>Flow type</source>
            <translation>流类型</translation>
        </message>
        <message>
            <source>One row per packet</source>
            <translation>每个数据包一行</translation>
        </message>
        <message>
            <source>Time to scale</source>
            <translation>按真实时间</translation>
        </message>
        <message>
            <source>Time axis</source>
            <translation>时间轴</translation>
        </message>
        <message>
            <source>Time to scale: silences take room in proportion to their length (e.g. a retransmission timer's back-off)</source>
            <translation>按真实时间：静默按其时长占据相应空间（例如重传定时器的退避）</translation>
        </message>
        <message>
            <source>Export flow graph</source>
            <translation>导出流图</translation>
        </message>
    </context>
    <context>
        <name>FollowStreamWindow</name>
        <message>
            <source>Save Stream Content As…</source>
            <translation>将流内容另存为…</translation>
        </message>
        <message>
            <source>Could not save: %1</source>
            <translation>无法保存：%1</translation>
        </message>
        <message>
            <source>Entire conversation (%1 bytes)</source>
            <translation>整个会话（%1 字节）</translation>
        </message>
        <message>
            <source>%1 → %2 (%3 bytes)</source>
            <translation>%1 → %2（%3 字节）</translation>
        </message>
        <message>
            <source>Stream %1: %2 client segment(s), %3 server segment(s), %4 turn(s). Click a line to select its packet.</source>
            <translation>流 %1：客户端 %2 个分段，服务器 %3 个分段，%4 次轮换。单击一行可选中其数据包。</translation>
        </message>
        <message>
            <source>Follow TCP Stream (tcp.stream eq %1)</source>
            <translation>追踪 TCP 流 (tcp.stream eq %1)</translation>
        </message>
        <message>
            <source>Found “%1” after wrapping to the start</source>
            <translation>回到开头后找到“%1”</translation>
        </message>
        <message>
            <source>Found “%1”</source>
            <translation>找到“%1”</translation>
        </message>
        <message>
            <source>“%1” not found</source>
            <translation>未找到“%1”</translation>
        </message>
        <message>
            <source>ASCII</source>
            <translation>ASCII</translation>
        </message>
        <message>
            <source>UTF-8</source>
            <translation>UTF-8</translation>
        </message>
        <message>
            <source>Hex Dump</source>
            <translation>十六进制转储</translation>
        </message>
        <message>
            <source>C Arrays</source>
            <translation>C 数组</translation>
        </message>
        <message>
            <source>Raw</source>
            <translation>原始数据</translation>
        </message>
        <message>
            <source>Show data as</source>
            <translation>数据显示为</translation>
        </message>
        <message>
            <source>Direction</source>
            <translation>方向</translation>
        </message>
        <message>
            <source>Stream </source>
            <translation>流 </translation>
        </message>
        <message>
            <source>TCP stream</source>
            <translation>TCP 流</translation>
        </message>
        <message>
            <source>Find:</source>
            <translation>查找：</translation>
        </message>
        <message>
            <source>Find text</source>
            <translation>查找文本</translation>
        </message>
        <message>
            <source>Find &amp;Next</source>
            <translation>查找下一个(&amp;N)</translation>
        </message>
        <message>
            <source>Save as…</source>
            <translation>另存为…</translation>
        </message>
        <message>
            <source>Filter Out This Stream</source>
            <translation>滤掉此流</translation>
        </message>
        <message>
            <source>Back</source>
            <translation>返回</translation>
        </message>
        <message>
            <source>Close and bring back the display filter used before following</source>
            <translation>关闭并恢复追踪前使用的显示过滤器</translation>
        </message>
        <message>
            <source>Close</source>
            <translation>关闭</translation>
        </message>
        <message>
            <source>Stream content</source>
            <translation>流内容</translation>
        </message>
        <message>
            <source>Stream summary</source>
            <translation>流概要</translation>
        </message>
        <message>
            <source>Stream %1: %2 client datagram(s), %3 server datagram(s), %4 turn(s). Click a line to select its packet.</source>
            <translation>流 %1：客户端 %2 个数据报，服务器 %3 个数据报，%4 次轮换。单击一行可选中其数据包。</translation>
        </message>
        <message>
            <source>Follow UDP Stream (udp.stream eq %1)</source>
            <translation>追踪 UDP 流 (udp.stream eq %1)</translation>
        </message>
        <message>
            <source>YAML</source>
            <translation>YAML</translation>
        </message>
        <message>
            <source>UDP stream</source>
            <translation>UDP 流</translation>
        </message>
    </context>
    <context>
        <name>Handout</name>
        <message>
            <source>Step %1 of %2</source>
            <translation>第 %1 步，共 %2 步</translation>
        </message>
        <message>
            <source>%1: %2</source>
            <translation>%1：%2</translation>
        </message>
        <message>
            <source>unknown</source>
            <translation>未知</translation>
        </message>
        <message>
            <source>States: %1</source>
            <translation>状态：%1</translation>
        </message>
        <message>
            <source>Comment: %1</source>
            <translation>注释：%1</translation>
        </message>
        <message>
            <source>the conversation has no steps</source>
            <translation>该会话没有步骤</translation>
        </message>
        <message>
            <source>SynFlow lesson handout</source>
            <translation>SynFlow 课程讲义</translation>
        </message>
        <message>
            <source>cannot write the PDF</source>
            <translation>无法写入 PDF</translation>
        </message>
        <message>
            <source>cannot write %1: %2</source>
            <translation>无法写入 %1：%2</translation>
        </message>
        <message>
            <source>cannot create the folder %1</source>
            <translation>无法创建文件夹 %1</translation>
        </message>
    </context>
    <context>
        <name>HandoutDialog</name>
        <message>
            <source>PDF handout, a page per step (*.pdf)</source>
            <translation>PDF 讲义，每步一页 (*.pdf)</translation>
        </message>
        <message>
            <source>PNG images, one per step, in a folder (*.png)</source>
            <translation>PNG 图片，每步一张，存于文件夹 (*.png)</translation>
        </message>
        <message>
            <source>SVG drawings, one per step, in a folder (*.svg)</source>
            <translation>SVG 图形，每步一个，存于文件夹 (*.svg)</translation>
        </message>
        <message>
            <source>Export Lesson Handout</source>
            <translation>导出课程讲义</translation>
        </message>
        <message>
            <source>%1: a handout is a .pdf file, or .png or .svg images</source>
            <translation>%1：讲义须为 .pdf 文件，或 .png、.svg 图片</translation>
        </message>
        <message>
            <source>cannot create the folder %1</source>
            <translation>无法创建文件夹 %1</translation>
        </message>
        <message>
            <source>cannot write %1: %2</source>
            <translation>无法写入 %1：%2</translation>
        </message>
    </context>
    <context>
        <name>InterfaceList</name>
        <message>
            <source>loopback</source>
            <translation>环回</translation>
        </message>
        <message>
            <source>wireless</source>
            <translation>无线</translation>
        </message>
        <message>
            <source>up</source>
            <translation>已启用</translation>
        </message>
        <message>
            <source>down</source>
            <translation>已停用</translation>
        </message>
        <message>
            <source>running</source>
            <translation>运行中</translation>
        </message>
        <message>
            <source>Interface</source>
            <translation>接口</translation>
        </message>
        <message>
            <source>Traffic</source>
            <translation>流量</translation>
        </message>
        <message>
            <source>Addresses</source>
            <translation>地址</translation>
        </message>
        <message>
            <source>Flags</source>
            <translation>标志</translation>
        </message>
        <message>
            <source>%1 packets/s</source>
            <translation>%1 个数据包/秒</translation>
        </message>
    </context>
    <context>
        <name>IoGraphWindow</name>
        <message>
            <source>Time (s)</source>
            <translation>时间 (秒)</translation>
        </message>
        <message>
            <source>Packets/interval</source>
            <translation>分组/间隔</translation>
        </message>
        <message>
            <source>Bytes/interval</source>
            <translation>字节/间隔</translation>
        </message>
        <message>
            <source>Bits/interval</source>
            <translation>比特/间隔</translation>
        </message>
        <message>
            <source>All packets</source>
            <translation>所有分组</translation>
        </message>
        <message>
            <source>Interval start (s)</source>
            <translation>间隔起点 (秒)</translation>
        </message>
        <message>
            <source>Export I/O Graph</source>
            <translation>导出 I/O 图</translation>
        </message>
        <message>
            <source>PNG image (*.png)</source>
            <translation>PNG 图像 (*.png)</translation>
        </message>
        <message>
            <source>CSV (*.csv)</source>
            <translation>CSV (*.csv)</translation>
        </message>
        <message>
            <source>Saved %1</source>
            <translation>已保存 %1</translation>
        </message>
        <message>
            <source>Could not save %1</source>
            <translation>无法保存 %1</translation>
        </message>
        <message>
            <source>I/O Graph</source>
            <translation>I/O 图</translation>
        </message>
        <message>
            <source>1 ms</source>
            <translation>1 毫秒</translation>
        </message>
        <message>
            <source>10 ms</source>
            <translation>10 毫秒</translation>
        </message>
        <message>
            <source>100 ms</source>
            <translation>100 毫秒</translation>
        </message>
        <message>
            <source>1 s</source>
            <translation>1 秒</translation>
        </message>
        <message>
            <source>10 s</source>
            <translation>10 秒</translation>
        </message>
        <message>
            <source>1 min</source>
            <translation>1 分钟</translation>
        </message>
        <message>
            <source>10 min</source>
            <translation>10 分钟</translation>
        </message>
        <message>
            <source>Interval</source>
            <translation>间隔</translation>
        </message>
        <message>
            <source>Packets</source>
            <translation>分组</translation>
        </message>
        <message>
            <source>Bytes</source>
            <translation>字节</translation>
        </message>
        <message>
            <source>Bits</source>
            <translation>比特</translation>
        </message>
        <message>
            <source>Series</source>
            <translation>序列</translation>
        </message>
        <message>
            <source>Add Series</source>
            <translation>添加序列</translation>
        </message>
        <message>
            <source>Remove Series</source>
            <translation>删除序列</translation>
        </message>
        <message>
            <source>Apply</source>
            <translation>应用</translation>
        </message>
        <message>
            <source>Export PNG…</source>
            <translation>导出 PNG…</translation>
        </message>
        <message>
            <source>Export CSV…</source>
            <translation>导出 CSV…</translation>
        </message>
        <message>
            <source>Series Colour</source>
            <translation>序列颜色</translation>
        </message>
        <message>
            <source>Series %1 needs a field for its Y axis</source>
            <translation>序列 %1 的 Y 轴需要一个字段</translation>
        </message>
        <message>
            <source>Not valid: %1</source>
            <translation>无效：%1</translation>
        </message>
        <message>
            <source>SUM</source>
            <translation>SUM</translation>
        </message>
        <message>
            <source>COUNT FRAMES</source>
            <translation>COUNT FRAMES</translation>
        </message>
        <message>
            <source>COUNT FIELDS</source>
            <translation>COUNT FIELDS</translation>
        </message>
        <message>
            <source>MAX</source>
            <translation>MAX</translation>
        </message>
        <message>
            <source>MIN</source>
            <translation>MIN</translation>
        </message>
        <message>
            <source>AVG</source>
            <translation>AVG</translation>
        </message>
        <message>
            <source>Value</source>
            <translation>值</translation>
        </message>
        <message>
            <source>Log scale</source>
            <translation>对数刻度</translation>
        </message>
        <message>
            <source>Logarithmic value axis</source>
            <translation>对数数值轴</translation>
        </message>
        <message>
            <source>Display filter (empty: all packets)</source>
            <translation>显示过滤器（空：所有分组）</translation>
        </message>
        <message>
            <source>Y axis</source>
            <translation>Y 轴</translation>
        </message>
        <message>
            <source>Y field</source>
            <translation>Y 字段</translation>
        </message>
        <message>
            <source>Style</source>
            <translation>样式</translation>
        </message>
        <message>
            <source>Colour</source>
            <translation>颜色</translation>
        </message>
        <message>
            <source>SUM(Y field)</source>
            <translation>SUM(Y 字段)</translation>
        </message>
        <message>
            <source>COUNT FRAMES(Y field)</source>
            <translation>COUNT FRAMES(Y 字段)</translation>
        </message>
        <message>
            <source>COUNT FIELDS(Y field)</source>
            <translation>COUNT FIELDS(Y 字段)</translation>
        </message>
        <message>
            <source>MAX(Y field)</source>
            <translation>MAX(Y 字段)</translation>
        </message>
        <message>
            <source>MIN(Y field)</source>
            <translation>MIN(Y 字段)</translation>
        </message>
        <message>
            <source>AVG(Y field)</source>
            <translation>AVG(Y 字段)</translation>
        </message>
        <message>
            <source>Line</source>
            <translation>折线</translation>
        </message>
        <message>
            <source>Bars</source>
            <translation>柱状</translation>
        </message>
        <message>
            <source>Dots</source>
            <translation>散点</translation>
        </message>
        <message>
            <source>Y axis of series %1</source>
            <translation>序列 %1 的 Y 轴</translation>
        </message>
        <message>
            <source>e.g. tcp.analysis.ack_rtt</source>
            <translation>例如 tcp.analysis.ack_rtt</translation>
        </message>
        <message>
            <source>Y field of series %1</source>
            <translation>序列 %1 的 Y 字段</translation>
        </message>
        <message>
            <source>Style of series %1</source>
            <translation>序列 %1 的样式</translation>
        </message>
        <message>
            <source>Colour of series %1</source>
            <translation>序列 %1 的颜色</translation>
        </message>
    </context>
    <context>
        <name>LiveSession</name>
        <message>
            <source>Cannot create %1 for the capture file.</source>
            <translation>无法为捕获文件创建 %1。</translation>
        </message>
        <message>
            <source>cannot follow %1 (%2); the packets captured are kept in that file</source>
            <translation>无法跟踪 %1（%2）；已捕获的数据包保留在该文件中</translation>
        </message>
        <message numerus="yes">
            <source>%1 was cut short at byte %2 by another program; the %n packet(s) before it are kept</source>
            <translation>
                <numerusform>%1 在第 %2 字节处被其他程序截断；之前的 %n 个数据包已保留</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>MainActions</name>
        <message>
            <source>&amp;File</source>
            <translation>文件(&amp;F)</translation>
        </message>
        <message>
            <source>&amp;Open…</source>
            <translation>打开(&amp;O)…</translation>
        </message>
        <message>
            <source>Open &amp;Recent</source>
            <translation>最近打开(&amp;R)</translation>
        </message>
        <message>
            <source>Open &amp;Demo Capture</source>
            <translation>打开示例抓包(&amp;D)</translation>
        </message>
        <message>
            <source>&amp;Save…</source>
            <translation>保存(&amp;S)…</translation>
        </message>
        <message>
            <source>Save &amp;As…</source>
            <translation>另存为(&amp;A)…</translation>
        </message>
        <message>
            <source>&amp;Quit</source>
            <translation>退出(&amp;Q)</translation>
        </message>
        <message>
            <source>&amp;Edit</source>
            <translation>编辑(&amp;E)</translation>
        </message>
        <message>
            <source>Copy Field &amp;Value</source>
            <translation>复制字段值(&amp;V)</translation>
        </message>
        <message>
            <source>Copy &amp;Branch as Text</source>
            <translation>以文本形式复制分支(&amp;B)</translation>
        </message>
        <message>
            <source>Copy Bytes as &amp;Hex</source>
            <translation>以十六进制形式复制字节(&amp;H)</translation>
        </message>
        <message>
            <source>&amp;View</source>
            <translation>视图(&amp;V)</translation>
        </message>
        <message>
            <source>&amp;Time Display Format</source>
            <translation>时间显示格式(&amp;T)</translation>
        </message>
        <message>
            <source>&amp;Colorize Packet List</source>
            <translation>为数据包列表着色(&amp;C)</translation>
        </message>
        <message>
            <source>&amp;Dark Theme</source>
            <translation>深色主题(&amp;D)</translation>
        </message>
        <message>
            <source>&amp;Expand All</source>
            <translation>全部展开(&amp;E)</translation>
        </message>
        <message>
            <source>Collapse &amp;All</source>
            <translation>全部折叠(&amp;A)</translation>
        </message>
        <message>
            <source>&amp;Language</source>
            <translation>语言(&amp;L)</translation>
        </message>
        <message>
            <source>System language</source>
            <translation>系统语言</translation>
        </message>
        <message>
            <source>&amp;Teaching Mode (Projector)</source>
            <translation>教学模式（投影）(&amp;T)</translation>
        </message>
        <message>
            <source>&amp;Capture</source>
            <translation>捕获(&amp;C)</translation>
        </message>
        <message>
            <source>&amp;Options…</source>
            <translation>选项(&amp;O)…</translation>
        </message>
        <message>
            <source>&amp;Start</source>
            <translation>开始(&amp;S)</translation>
        </message>
        <message>
            <source>S&amp;top</source>
            <translation>停止(&amp;T)</translation>
        </message>
        <message>
            <source>&amp;Restart</source>
            <translation>重新开始(&amp;R)</translation>
        </message>
        <message>
            <source>Drops the packets captured so far and captures anew with the same options</source>
            <translation>丢弃目前已捕获的数据包，并以相同选项重新开始捕获</translation>
        </message>
        <message>
            <source>&amp;Auto Scroll in Live Capture</source>
            <translation>实时捕获时自动滚动(&amp;A)</translation>
        </message>
        <message>
            <source>&amp;Go</source>
            <translation>跳转(&amp;G)</translation>
        </message>
        <message>
            <source>Display &amp;Filter</source>
            <translation>显示过滤器(&amp;F)</translation>
        </message>
        <message>
            <source>&amp;Go to Packet…</source>
            <translation>转到数据包(&amp;G)…</translation>
        </message>
        <message>
            <source>&amp;Next Packet in Conversation</source>
            <translation>会话中的下一个数据包(&amp;N)</translation>
        </message>
        <message>
            <source>&amp;Previous Packet in Conversation</source>
            <translation>会话中的上一个数据包(&amp;P)</translation>
        </message>
        <message>
            <source>&amp;Statistics</source>
            <translation>统计(&amp;S)</translation>
        </message>
        <message>
            <source>TCP Stream &amp;Graphs</source>
            <translation>TCP 流图(&amp;G)</translation>
        </message>
        <message>
            <source>Time Sequence (&amp;Stevens)</source>
            <translation>时间序列 (Stevens)(&amp;S)</translation>
        </message>
        <message>
            <source>Time Sequence (&amp;tcptrace)</source>
            <translation>时间序列 (tcptrace)(&amp;T)</translation>
        </message>
        <message>
            <source>&amp;Throughput</source>
            <translation>吞吐量(&amp;T)</translation>
        </message>
        <message>
            <source>&amp;Round Trip Time</source>
            <translation>往返时间(&amp;R)</translation>
        </message>
        <message>
            <source>&amp;Window Scaling</source>
            <translation>窗口缩放(&amp;W)</translation>
        </message>
        <message>
            <source>&amp;Close</source>
            <translation>关闭(&amp;C)</translation>
        </message>
        <message>
            <source>&amp;Find Packet…</source>
            <translation>查找分组(&amp;F)…</translation>
        </message>
        <message>
            <source>Find Ne&amp;xt</source>
            <translation>查找下一个(&amp;X)</translation>
        </message>
        <message>
            <source>Find Pre&amp;vious</source>
            <translation>查找上一个(&amp;V)</translation>
        </message>
        <message>
            <source>&amp;Mark/Unmark Packet</source>
            <translation>标记/取消标记分组(&amp;M)</translation>
        </message>
        <message>
            <source>Mark All Displayed</source>
            <translation>标记所有显示的分组</translation>
        </message>
        <message>
            <source>Unmark All Displayed</source>
            <translation>取消标记所有显示的分组</translation>
        </message>
        <message>
            <source>Next Mark</source>
            <translation>下一个标记</translation>
        </message>
        <message>
            <source>Previous Mark</source>
            <translation>上一个标记</translation>
        </message>
        <message>
            <source>Set/Unset &amp;Time Reference</source>
            <translation>设置/取消时间参考(&amp;T)</translation>
        </message>
        <message>
            <source>Unset All Time References</source>
            <translation>取消所有时间参考</translation>
        </message>
        <message>
            <source>Zoom &amp;In</source>
            <translation>放大(&amp;I)</translation>
        </message>
        <message>
            <source>Zoom &amp;Out</source>
            <translation>缩小(&amp;O)</translation>
        </message>
        <message>
            <source>&amp;Normal Size</source>
            <translation>正常大小(&amp;N)</translation>
        </message>
        <message>
            <source>&amp;Resize Columns</source>
            <translation>调整列宽(&amp;R)</translation>
        </message>
        <message>
            <source>Re&amp;load</source>
            <translation>重新加载(&amp;L)</translation>
        </message>
        <message>
            <source>&amp;Analyze</source>
            <translation>分析(&amp;A)</translation>
        </message>
        <message>
            <source>&amp;Follow</source>
            <translation>追踪流(&amp;F)</translation>
        </message>
        <message>
            <source>&amp;TCP Stream</source>
            <translation>TCP 流(&amp;T)</translation>
        </message>
        <message>
            <source>&amp;Back</source>
            <translation>后退(&amp;B)</translation>
        </message>
        <message>
            <source>&amp;Forward</source>
            <translation>前进(&amp;F)</translation>
        </message>
        <message>
            <source>F&amp;irst Packet</source>
            <translation>第一个分组(&amp;I)</translation>
        </message>
        <message>
            <source>&amp;Last Packet</source>
            <translation>最后一个分组(&amp;L)</translation>
        </message>
        <message>
            <source>Main Toolbar</source>
            <translation>主工具栏</translation>
        </message>
        <message>
            <source>Start capturing packets</source>
            <translation>开始捕获分组</translation>
        </message>
        <message>
            <source>Stop capturing packets</source>
            <translation>停止捕获分组</translation>
        </message>
        <message>
            <source>Capture options</source>
            <translation>捕获选项</translation>
        </message>
        <message>
            <source>Open a capture file</source>
            <translation>打开捕获文件</translation>
        </message>
        <message>
            <source>Save this capture file</source>
            <translation>保存此捕获文件</translation>
        </message>
        <message>
            <source>Close this capture file</source>
            <translation>关闭此捕获文件</translation>
        </message>
        <message>
            <source>Reload this file</source>
            <translation>重新加载此文件</translation>
        </message>
        <message>
            <source>Find a packet</source>
            <translation>查找分组</translation>
        </message>
        <message>
            <source>Go back in packet history</source>
            <translation>在分组历史中后退</translation>
        </message>
        <message>
            <source>Go forward in packet history</source>
            <translation>在分组历史中前进</translation>
        </message>
        <message>
            <source>Go to specified packet</source>
            <translation>转到指定分组</translation>
        </message>
        <message>
            <source>Go to the first packet</source>
            <translation>转到第一个分组</translation>
        </message>
        <message>
            <source>Go to the last packet</source>
            <translation>转到最后一个分组</translation>
        </message>
        <message>
            <source>Automatically scroll to the last packet during a live capture</source>
            <translation>实时捕获时自动滚动到最后一个分组</translation>
        </message>
        <message>
            <source>Draw packets using your coloring rules</source>
            <translation>按着色规则绘制分组</translation>
        </message>
        <message>
            <source>Enlarge the main window text</source>
            <translation>放大主窗口文字</translation>
        </message>
        <message>
            <source>Shrink the main window text</source>
            <translation>缩小主窗口文字</translation>
        </message>
        <message>
            <source>Return the main window text to its normal size</source>
            <translation>将主窗口文字恢复为正常大小</translation>
        </message>
        <message>
            <source>Resize packet list columns to fit contents</source>
            <translation>按内容调整分组列表的列宽</translation>
        </message>
        <message>
            <source>&amp;Conversations</source>
            <translation>会话(&amp;C)</translation>
        </message>
        <message>
            <source>&amp;Endpoints</source>
            <translation>端点(&amp;E)</translation>
        </message>
        <message>
            <source>&amp;I/O Graph</source>
            <translation>I/O 图(&amp;I)</translation>
        </message>
        <message>
            <source>&amp;Preferences…</source>
            <translation>首选项(&amp;P)…</translation>
        </message>
        <message>
            <source>E&amp;xpert Information</source>
            <translation>专家信息(&amp;X)</translation>
        </message>
        <message>
            <source>Capture File Propert&amp;ies</source>
            <translation>捕获文件属性(&amp;I)</translation>
        </message>
        <message>
            <source>Protocol &amp;Hierarchy</source>
            <translation>协议分级(&amp;H)</translation>
        </message>
        <message>
            <source>Date and Time of Day (1970-01-01 01:02:03.123456)</source>
            <translation>日期和时间 (1970-01-01 01:02:03.123456)</translation>
        </message>
        <message>
            <source>Year, Day of Year, and Time of Day (1970/001 01:02:03.123456)</source>
            <translation>年、年内天数和时间 (1970/001 01:02:03.123456)</translation>
        </message>
        <message>
            <source>Time of Day (01:02:03.123456)</source>
            <translation>时间 (01:02:03.123456)</translation>
        </message>
        <message>
            <source>Seconds Since 1970-01-01 (1234567890.123456)</source>
            <translation>自 1970-01-01 以来的秒数 (1234567890.123456)</translation>
        </message>
        <message>
            <source>Seconds Since Beginning of Capture (123.123456)</source>
            <translation>自捕获开始经过的秒数 (123.123456)</translation>
        </message>
        <message>
            <source>Seconds Since Previous Captured Packet (1.123456)</source>
            <translation>自上一个捕获分组经过的秒数 (1.123456)</translation>
        </message>
        <message>
            <source>Seconds Since Previous Displayed Packet (1.123456)</source>
            <translation>自上一个显示分组经过的秒数 (1.123456)</translation>
        </message>
        <message>
            <source>UTC Date and Time of Day (1970-01-01 01:02:03.123456)</source>
            <translation>UTC 日期和时间 (1970-01-01 01:02:03.123456)</translation>
        </message>
        <message>
            <source>UTC Year, Day of Year, and Time of Day (1970/001 01:02:03.123456)</source>
            <translation>UTC 年、年内天数和时间 (1970/001 01:02:03.123456)</translation>
        </message>
        <message>
            <source>UTC Time of Day (01:02:03.123456)</source>
            <translation>UTC 时间 (01:02:03.123456)</translation>
        </message>
        <message>
            <source>Automatic (from capture file)</source>
            <translation>自动（按捕获文件）</translation>
        </message>
        <message>
            <source>Seconds (0)</source>
            <translation>秒 (0)</translation>
        </message>
        <message>
            <source>Tenths of a second (0.1)</source>
            <translation>十分之一秒 (0.1)</translation>
        </message>
        <message>
            <source>Hundredths of a second (0.12)</source>
            <translation>百分之一秒 (0.12)</translation>
        </message>
        <message>
            <source>Milliseconds (0.123)</source>
            <translation>毫秒 (0.123)</translation>
        </message>
        <message>
            <source>Microseconds (0.123456)</source>
            <translation>微秒 (0.123456)</translation>
        </message>
        <message>
            <source>Nanoseconds (0.123456789)</source>
            <translation>纳秒 (0.123456789)</translation>
        </message>
        <message>
            <source>&amp;Follow the File</source>
            <translation>跟随文件(&amp;F)</translation>
        </message>
        <message>
            <source>Keep reading the file as another program writes to it</source>
            <translation>在其他程序写入文件时持续读取</translation>
        </message>
        <message>
            <source>A&amp;nonymised Hosts</source>
            <translation>匿名主机(&amp;N)</translation>
        </message>
        <message>
            <source>&amp;UDP Stream</source>
            <translation>UDP 流(&amp;U)</translation>
        </message>
        <message>
            <source>&amp;Help</source>
            <translation>帮助(&amp;H)</translation>
        </message>
        <message>
            <source>&amp;Keyboard Shortcuts</source>
            <translation>键盘快捷键(&amp;K)</translation>
        </message>
        <message>
            <source>&amp;About SynFlow</source>
            <translation>关于 SynFlow(&amp;A)</translation>
        </message>
        <message>
            <source>Show documentation addresses instead of the capture's real ones, in every view and export</source>
            <translation>在所有视图和导出中以文档地址代替捕获中的真实地址</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <source>Teaching mode</source>
            <translation>教学模式</translation>
        </message>
        <message>
            <source>SynFlow</source>
            <translation>SynFlow</translation>
        </message>
        <message numerus="yes">
            <source>Loading cancelled: %n packet(s) loaded</source>
            <translation>
                <numerusform>已取消加载：已加载 %n 个数据包</numerusform>
            </translation>
        </message>
        <message>
            <source>Flow Graph</source>
            <translation>流图</translation>
        </message>
        <message>
            <source>Go to Packet</source>
            <translation>转到数据包</translation>
        </message>
        <message>
            <source>Packet number:</source>
            <translation>数据包编号：</translation>
        </message>
        <message>
            <source>Cannot open capture</source>
            <translation>无法打开捕获文件</translation>
        </message>
        <message>
            <source>%1 — SynFlow</source>
            <translation>%1 — SynFlow</translation>
        </message>
        <message>
            <source>Loading %1…</source>
            <translation>正在加载 %1…</translation>
        </message>
        <message numerus="yes">
            <source>%n packet(s)</source>
            <translation>
                <numerusform>%n 个数据包</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>, %n TCP conversation(s)</source>
            <translation>
                <numerusform>，%n 个 TCP 会话</numerusform>
            </translation>
        </message>
        <message>
            <source>Damaged capture</source>
            <translation>捕获文件已损坏</translation>
        </message>
        <message numerus="yes">
            <source>The file is %1. The %n packet(s) before the damage were loaded.</source>
            <translation>
                <numerusform>该文件%1。已加载损坏位置之前的 %n 个数据包。</numerusform>
            </translation>
        </message>
        <message>
            <source>Cannot open</source>
            <translation>无法打开</translation>
        </message>
        <message>
            <source>Cannot capture</source>
            <translation>无法捕获</translation>
        </message>
        <message>
            <source>Starting capture on %1…</source>
            <translation>正在 %1 上开始捕获…</translation>
        </message>
        <message>
            <source>Capturing from %1 — SynFlow</source>
            <translation>正在从 %1 捕获 — SynFlow</translation>
        </message>
        <message>
            <source>Capture on %1 (unsaved) — SynFlow</source>
            <translation>%1 上的捕获（未保存） — SynFlow</translation>
        </message>
        <message>
            <source>Cannot save</source>
            <translation>无法保存</translation>
        </message>
        <message>
            <source>Stop the capture before saving it.</source>
            <translation>请先停止捕获，再进行保存。</translation>
        </message>
        <message numerus="yes">
            <source>Saved %n packet(s) to %1</source>
            <translation>
                <numerusform>已将 %n 个数据包保存到 %1</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Displayed: %1 of %n packet(s)</source>
            <translation>
                <numerusform>已显示：%1 / 共 %n 个数据包</numerusform>
            </translation>
        </message>
        <message>
            <source>Wait until the capture has loaded.</source>
            <translation>请等待抓包文件加载完成。</translation>
        </message>
        <message numerus="yes">
            <source>The file is damaged at byte %1: it shrank while it was read. The %n packet(s) before the damage are intact; the later ones are lost.</source>
            <translation>
                <numerusform>文件在第 %1 字节处损坏：读取过程中文件变短了。损坏之前的 %n 个数据包完好，之后的已丢失。</numerusform>
            </translation>
        </message>
        <message>
            <source>TCP Stream Graphs</source>
            <translation>TCP 流图</translation>
        </message>
        <message>
            <source>The capture is still loading.</source>
            <translation>捕获仍在加载中。</translation>
        </message>
        <message>
            <source>There is no TCP conversation to graph.</source>
            <translation>没有可绘制的 TCP 会话。</translation>
        </message>
        <message numerus="yes">
            <source>, %n marked</source>
            <translation>
                <numerusform>，已标记 %n 个</numerusform>
            </translation>
        </message>
        <message>
            <source>Follow TCP Stream</source>
            <translation>追踪 TCP 流</translation>
        </message>
        <message>
            <source>Select a TCP packet to follow its stream.</source>
            <translation>请选择一个 TCP 数据包以追踪其流。</translation>
        </message>
        <message>
            <source>Cannot follow the file</source>
            <translation>无法跟随文件</translation>
        </message>
        <message>
            <source>%1 (following) — SynFlow</source>
            <translation>%1（跟随中）— SynFlow</translation>
        </message>
        <message>
            <source>Follow UDP Stream</source>
            <translation>追踪 UDP 流</translation>
        </message>
        <message>
            <source>Select a UDP packet to follow its stream.</source>
            <translation>请选择一个 UDP 数据包以追踪其流。</translation>
        </message>
        <message>
            <source>Unsaved packet comments</source>
            <translation>未保存的分组注释</translation>
        </message>
        <message>
            <source>The packet comments you added or edited are not saved. Save them in a copy of the capture?</source>
            <translation>您添加或编辑的分组注释尚未保存。要将它们保存到捕获文件的副本中吗？</translation>
        </message>
        <message>
            <source>Save packet comments</source>
            <translation>保存分组注释</translation>
        </message>
        <message>
            <source>Save the packet comments in a copy of the capture, or replace the original file %1?</source>
            <translation>将分组注释保存到捕获文件的副本中，还是替换原始文件 %1？</translation>
        </message>
        <message>
            <source>Save As…</source>
            <translation>另存为…</translation>
        </message>
        <message>
            <source>Replace Original</source>
            <translation>替换原始文件</translation>
        </message>
        <message>
            <source>Replace the original capture?</source>
            <translation>替换原始捕获文件？</translation>
        </message>
        <message>
            <source>%1 is the capture that is open. Replace it with a copy holding your changes?</source>
            <translation>%1 是当前打开的捕获文件。要用包含您所做更改的副本替换它吗？</translation>
        </message>
    </context>
    <context>
        <name>PacketCommentEdit</name>
        <message>
            <source>Packet comment</source>
            <translation>分组注释</translation>
        </message>
        <message>
            <source>Edit Packet Comment</source>
            <translation>编辑分组注释</translation>
        </message>
        <message>
            <source>Add Packet Comment</source>
            <translation>添加分组注释</translation>
        </message>
        <message>
            <source>Comment on packet %1:</source>
            <translation>分组 %1 的注释：</translation>
        </message>
    </context>
    <context>
        <name>PacketListModel</name>
        <message>
            <source>No.</source>
            <translation>序号</translation>
        </message>
        <message>
            <source>Time</source>
            <translation>时间</translation>
        </message>
        <message>
            <source>Source</source>
            <translation>源地址</translation>
        </message>
        <message>
            <source>Destination</source>
            <translation>目的地址</translation>
        </message>
        <message>
            <source>Protocol</source>
            <translation>协议</translation>
        </message>
        <message>
            <source>Length</source>
            <translation>长度</translation>
        </message>
        <message>
            <source>Info</source>
            <translation>信息</translation>
        </message>
        <message>
            <source>Custom Block: PEN = %1 (%2), will be copied</source>
            <translation>自定义块：PEN = %1 (%2)，可复制</translation>
        </message>
        <message>
            <source>Custom Block: PEN = %1 (%2), will not be copied</source>
            <translation>自定义块：PEN = %1 (%2)，不可复制</translation>
        </message>
        <message>
            <source>Unknown</source>
            <translation>未知</translation>
        </message>
    </context>
    <context>
        <name>PacketMenus</name>
        <message>
            <source>Selected</source>
            <translation>选中</translation>
        </message>
        <message>
            <source>Not Selected</source>
            <translation>非选中</translation>
        </message>
        <message>
            <source>…and Selected</source>
            <translation>…与选中</translation>
        </message>
        <message>
            <source>…or Selected</source>
            <translation>…或选中</translation>
        </message>
        <message>
            <source>…and not Selected</source>
            <translation>…与非选中</translation>
        </message>
        <message>
            <source>…or not Selected</source>
            <translation>…或非选中</translation>
        </message>
        <message>
            <source>Apply as Filter</source>
            <translation>作为过滤器应用</translation>
        </message>
        <message>
            <source>Prepare as Filter</source>
            <translation>准备过滤器</translation>
        </message>
        <message>
            <source>Conversation Filter</source>
            <translation>对话过滤器</translation>
        </message>
        <message>
            <source>Unmark Packet</source>
            <translation>取消标记分组</translation>
        </message>
        <message>
            <source>Mark Packet</source>
            <translation>标记分组</translation>
        </message>
        <message>
            <source>Unset Time Reference</source>
            <translation>取消时间参考</translation>
        </message>
        <message>
            <source>Set Time Reference</source>
            <translation>设置时间参考</translation>
        </message>
        <message>
            <source>Colorize Conversation</source>
            <translation>对话着色</translation>
        </message>
        <message>
            <source>Color %1</source>
            <translation>颜色 %1</translation>
        </message>
        <message>
            <source>Reset Colorization</source>
            <translation>重置着色</translation>
        </message>
        <message>
            <source>Follow</source>
            <translation>追踪流</translation>
        </message>
        <message>
            <source>TCP Stream</source>
            <translation>TCP 流</translation>
        </message>
        <message>
            <source>Copy</source>
            <translation>复制</translation>
        </message>
        <message>
            <source>Summary as Text</source>
            <translation>摘要为文本</translation>
        </message>
        <message>
            <source>…as CSV</source>
            <translation>…为 CSV</translation>
        </message>
        <message>
            <source>As Filter</source>
            <translation>作为过滤器</translation>
        </message>
        <message>
            <source>Bytes as Hex + ASCII Dump</source>
            <translation>字节为十六进制 + ASCII 转储</translation>
        </message>
        <message>
            <source>…as a Hex Stream</source>
            <translation>…为十六进制流</translation>
        </message>
        <message>
            <source>Expand Subtrees</source>
            <translation>展开子树</translation>
        </message>
        <message>
            <source>Collapse Subtrees</source>
            <translation>折叠子树</translation>
        </message>
        <message>
            <source>Expand All</source>
            <translation>全部展开</translation>
        </message>
        <message>
            <source>Collapse All</source>
            <translation>全部折叠</translation>
        </message>
        <message>
            <source>Apply as Column</source>
            <translation>应用为列</translation>
        </message>
        <message>
            <source>All Visible Items</source>
            <translation>所有可见项</translation>
        </message>
        <message>
            <source>Description</source>
            <translation>描述</translation>
        </message>
        <message>
            <source>Field Name</source>
            <translation>字段名</translation>
        </message>
        <message>
            <source>Value</source>
            <translation>值</translation>
        </message>
        <message>
            <source>Align Left</source>
            <translation>左对齐</translation>
        </message>
        <message>
            <source>Align Center</source>
            <translation>居中对齐</translation>
        </message>
        <message>
            <source>Align Right</source>
            <translation>右对齐</translation>
        </message>
        <message>
            <source>Resize to Contents</source>
            <translation>按内容调整大小</translation>
        </message>
        <message>
            <source>Resize All Columns to Contents</source>
            <translation>按内容调整所有列</translation>
        </message>
        <message>
            <source>Apply %1 as Column</source>
            <translation>将 %1 应用为列</translation>
        </message>
        <message>
            <source>Apply Selected Field as Column</source>
            <translation>将所选字段应用为列</translation>
        </message>
        <message>
            <source>Remove this Column</source>
            <translation>删除此列</translation>
        </message>
        <message>
            <source>Packet Comments</source>
            <translation>分组注释</translation>
        </message>
        <message>
            <source>Add New Comment…</source>
            <translation>添加新注释…</translation>
        </message>
        <message>
            <source>Edit “%1”</source>
            <translation>编辑“%1”</translation>
        </message>
        <message>
            <source>Delete “%1”</source>
            <translation>删除“%1”</translation>
        </message>
        <message>
            <source>Delete packet comments</source>
            <translation>删除分组注释</translation>
        </message>
        <message>
            <source>UDP Stream</source>
            <translation>UDP 流</translation>
        </message>
    </context>
    <context>
        <name>PacketPane</name>
        <message>
            <source>Apply a display filter … &lt;Ctrl-/&gt;  e.g. tcp.analysis.retransmission || tcp.flags.reset == 1</source>
            <translation>应用显示过滤器 … &lt;Ctrl-/&gt;  例如 tcp.analysis.retransmission || tcp.flags.reset == 1</translation>
        </message>
        <message>
            <source>Invalid display filter: %1</source>
            <translation>显示过滤器无效：%1</translation>
        </message>
        <message>
            <source>Filtering…</source>
            <translation>正在过滤…</translation>
        </message>
        <message>
            <source>%1 (%2)</source>
            <translation>%1（%2）</translation>
        </message>
        <message>
            <source>Searching…</source>
            <translation>正在查找…</translation>
        </message>
        <message>
            <source>There is no packet number %1.</source>
            <translation>没有编号为 %1 的数据包。</translation>
        </message>
        <message>
            <source>Packet number %1 isn't displayed.</source>
            <translation>编号为 %1 的数据包未显示。</translation>
        </message>
        <message>
            <source>Expert severity: %1</source>
            <translation>专家信息严重级别：%1</translation>
        </message>
        <message>
            <source>Double-click to go to frame %1</source>
            <translation>双击转到第 %1 帧</translation>
        </message>
    </context>
    <context>
        <name>PacketSearch</name>
        <message>
            <source>Cannot find: %1</source>
            <translation>无法查找：%1</translation>
        </message>
        <message>
            <source>Cannot find: empty string</source>
            <translation>无法查找：字符串为空</translation>
        </message>
        <message>
            <source>No packet matched that display filter.</source>
            <translation>没有分组匹配该显示过滤器。</translation>
        </message>
        <message>
            <source>No packet contained those bytes.</source>
            <translation>没有分组包含这些字节。</translation>
        </message>
        <message>
            <source>No packet contained that string.</source>
            <translation>没有分组包含该字符串。</translation>
        </message>
        <message>
            <source>Search reached the beginning of the capture; continuing at the end.</source>
            <translation>搜索已到达捕获开头；从末尾继续。</translation>
        </message>
        <message>
            <source>Search reached the end of the capture; continuing at the beginning.</source>
            <translation>搜索已到达捕获末尾；从开头继续。</translation>
        </message>
        <message>
            <source>Found packet %1.</source>
            <translation>找到分组 %1。</translation>
        </message>
        <message>
            <source>Find cancelled.</source>
            <translation>查找已取消。</translation>
        </message>
    </context>
    <context>
        <name>PreferencesDialog</name>
        <message>
            <source>Not a field of the field table: %1</source>
            <translation>不是字段表中的字段：%1</translation>
        </message>
        <message>
            <source>Preferences</source>
            <translation>首选项</translation>
        </message>
        <message>
            <source>Appearance</source>
            <translation>外观</translation>
        </message>
        <message>
            <source>Columns</source>
            <translation>列</translation>
        </message>
        <message>
            <source>Font and Colors</source>
            <translation>字体和颜色</translation>
        </message>
        <message>
            <source>Layout</source>
            <translation>布局</translation>
        </message>
        <message>
            <source>Time Display</source>
            <translation>时间显示</translation>
        </message>
        <message>
            <source>Preference pages</source>
            <translation>首选项页面</translation>
        </message>
        <message>
            <source>&amp;Theme:</source>
            <translation>主题(&amp;T)：</translation>
        </message>
        <message>
            <source>Light</source>
            <translation>浅色</translation>
        </message>
        <message>
            <source>Dark</source>
            <translation>深色</translation>
        </message>
        <message>
            <source>Theme</source>
            <translation>主题</translation>
        </message>
        <message>
            <source>&amp;Language:</source>
            <translation>语言(&amp;L)：</translation>
        </message>
        <message>
            <source>System language</source>
            <translation>系统语言</translation>
        </message>
        <message>
            <source>Language</source>
            <translation>语言</translation>
        </message>
        <message>
            <source>Column (shown when ticked)</source>
            <translation>列（勾选时显示）</translation>
        </message>
        <message>
            <source>Field</source>
            <translation>字段</translation>
        </message>
        <message>
            <source>Packet list columns</source>
            <translation>分组列表的列</translation>
        </message>
        <message>
            <source>Move &amp;Up</source>
            <translation>上移(&amp;U)</translation>
        </message>
        <message>
            <source>Move column up</source>
            <translation>上移列</translation>
        </message>
        <message>
            <source>Move &amp;Down</source>
            <translation>下移(&amp;D)</translation>
        </message>
        <message>
            <source>Move column down</source>
            <translation>下移列</translation>
        </message>
        <message>
            <source>&amp;Remove</source>
            <translation>删除(&amp;R)</translation>
        </message>
        <message>
            <source>Remove custom column</source>
            <translation>删除自定义列</translation>
        </message>
        <message>
            <source>Custom column &amp;field:</source>
            <translation>自定义列字段(&amp;F)：</translation>
        </message>
        <message>
            <source>Custom column field</source>
            <translation>自定义列字段</translation>
        </message>
        <message>
            <source>a field name, e.g. tcp.window_size</source>
            <translation>字段名，例如 tcp.window_size</translation>
        </message>
        <message>
            <source>&amp;Add Column</source>
            <translation>添加列(&amp;A)</translation>
        </message>
        <message>
            <source>Add custom column</source>
            <translation>添加自定义列</translation>
        </message>
        <message>
            <source>Use this &amp;font for the packet list, details and bytes:</source>
            <translation>分组列表、详情和字节使用此字体(&amp;F)：</translation>
        </message>
        <message>
            <source>Use a custom main font</source>
            <translation>使用自定义主字体</translation>
        </message>
        <message>
            <source>Main font</source>
            <translation>主字体</translation>
        </message>
        <message>
            <source>Font &amp;size:</source>
            <translation>字号(&amp;S)：</translation>
        </message>
        <message>
            <source>Font size</source>
            <translation>字号</translation>
        </message>
        <message>
            <source> pt</source>
            <translation> 磅</translation>
        </message>
        <message>
            <source>&amp;Zoom (points added):</source>
            <translation>缩放（增加的磅数）(&amp;Z)：</translation>
        </message>
        <message>
            <source>Zoom level</source>
            <translation>缩放级别</translation>
        </message>
        <message>
            <source>&amp;Colorize the packet list with the colouring rules</source>
            <translation>按着色规则为分组列表着色(&amp;C)</translation>
        </message>
        <message>
            <source>Colorize packet list</source>
            <translation>为分组列表着色</translation>
        </message>
        <message>
            <source>Panes of the packet views:</source>
            <translation>分组视图的窗格：</translation>
        </message>
        <message>
            <source>Stacked: list, details, bytes</source>
            <translation>上下排列：列表、详情、字节</translation>
        </message>
        <message>
            <source>List above, details and bytes side by side</source>
            <translation>列表在上，详情和字节并排</translation>
        </message>
        <message>
            <source>Side by side: list, details, bytes</source>
            <translation>左右并排：列表、详情、字节</translation>
        </message>
        <message>
            <source>&amp;Format:</source>
            <translation>格式(&amp;F)：</translation>
        </message>
        <message>
            <source>Time display format</source>
            <translation>时间显示格式</translation>
        </message>
        <message>
            <source>&amp;Precision:</source>
            <translation>精度(&amp;P)：</translation>
        </message>
        <message>
            <source>Time precision</source>
            <translation>时间精度</translation>
        </message>
        <message>
            <source>Dialog buttons</source>
            <translation>对话框按钮</translation>
        </message>
        <message>
            <source>Protocols</source>
            <translation>协议</translation>
        </message>
        <message>
            <source>TCP</source>
            <translation>TCP</translation>
        </message>
        <message>
            <source>Allow subdissector to &amp;reassemble TCP streams</source>
            <translation>允许子解析器重组 TCP 流(&amp;R)</translation>
        </message>
        <message>
            <source>Allow subdissector to reassemble TCP streams</source>
            <translation>允许子解析器重组 TCP 流</translation>
        </message>
        <message>
            <source>Show a message that spans several TCP segments on the segment that completes it</source>
            <translation>将跨越多个 TCP 分段的消息显示在完成它的分段上</translation>
        </message>
    </context>
    <context>
        <name>ProjectorWindow</name>
        <message>
            <source>SynFlow — teaching mode</source>
            <translation>SynFlow — 教学模式</translation>
        </message>
        <message>
            <source>Press Space to reveal the first segment.</source>
            <translation>按空格键显示第一个报文段。</translation>
        </message>
        <message>
            <source>Step %1 of %2</source>
            <translation>第 %1 步，共 %2 步</translation>
        </message>
        <message numerus="yes">
            <source>%n segment(s) in this conversation</source>
            <translation>
                <numerusform>此连接共有 %n 个报文段</numerusform>
            </translation>
        </message>
        <message>
            <source>Select a TCP packet first: teaching mode shows its conversation.</source>
            <translation>请先选择一个 TCP 报文：教学模式将展示它所在的连接。</translation>
        </message>
        <message>
            <source>Blank screen</source>
            <translation>黑屏</translation>
        </message>
        <message>
            <source>Client</source>
            <translation>客户端</translation>
        </message>
        <message>
            <source>Server</source>
            <translation>服务器</translation>
        </message>
        <message>
            <source>Host %1</source>
            <translation>主机 %1</translation>
        </message>
        <message>
            <source>Space/→/PgDn next · ←/PgUp back · Home/End first/last · P play · Q quiz · R reveal · B blank · T time axis · A anonymise · D dark/light · C comment · H handout · Esc leave</source>
            <translation>空格/→/PgDn 下一步 · ←/PgUp 上一步 · Home/End 第一步/最后一步 · P 播放 · Q 测验 · R 揭晓 · B 黑屏 · T 时间轴 · A 匿名 · D 深色/浅色 · C 注释 · H 讲义 · Esc 退出</translation>
        </message>
        <message>
            <source>Quiz (Q)</source>
            <translation>测验 (Q)</translation>
        </message>
        <message>
            <source>Quiz mode: hide the next step's Seq, Ack and states</source>
            <translation>测验模式：隐藏下一步的 Seq、Ack 和状态</translation>
        </message>
        <message>
            <source>Time to scale (T)</source>
            <translation>按真实时间 (T)</translation>
        </message>
        <message>
            <source>Time-proportional axis</source>
            <translation>按时间比例的纵轴</translation>
        </message>
        <message>
            <source>Anonymise (A)</source>
            <translation>匿名 (A)</translation>
        </message>
        <message>
            <source>Anonymised hosts: Client and Server</source>
            <translation>匿名主机：客户端和服务器</translation>
        </message>
        <message>
            <source>Step %1 of %2 — quiz</source>
            <translation>第 %1 步，共 %2 步 — 测验</translation>
        </message>
        <message>
            <source>What are this segment's Seq and Ack, and the new state of each end? Press R to reveal.</source>
            <translation>这个报文段的 Seq 和 Ack 是多少？两端的新状态是什么？按 R 揭晓。</translation>
        </message>
    </context>
    <context>
        <name>ProtocolHierarchyModel</name>
        <message>
            <source>Protocol</source>
            <translation>协议</translation>
        </message>
        <message>
            <source>Percent Packets</source>
            <translation>分组百分比</translation>
        </message>
        <message>
            <source>Packets</source>
            <translation>分组</translation>
        </message>
        <message>
            <source>Percent Bytes</source>
            <translation>字节百分比</translation>
        </message>
        <message>
            <source>Bytes</source>
            <translation>字节</translation>
        </message>
        <message>
            <source>Bits/s</source>
            <translation>比特/秒</translation>
        </message>
        <message>
            <source>End Packets</source>
            <translation>结束分组</translation>
        </message>
        <message>
            <source>End Bytes</source>
            <translation>结束字节</translation>
        </message>
        <message>
            <source>End Bits/s</source>
            <translation>结束比特/秒</translation>
        </message>
    </context>
    <context>
        <name>ProtocolHierarchyWindow</name>
        <message>
            <source>Protocol Hierarchy Statistics</source>
            <translation>协议分级统计</translation>
        </message>
        <message>
            <source>Protocol hierarchy</source>
            <translation>协议分级</translation>
        </message>
        <message>
            <source>Apply as Filter</source>
            <translation>作为过滤器应用</translation>
        </message>
        <message>
            <source>Protocol</source>
            <translation>协议</translation>
        </message>
    </context>
    <context>
        <name>QObject</name>
        <message>
            <source>reset</source>
            <translation>重置</translation>
        </message>
        <message>
            <source>retransmission</source>
            <translation>重传</translation>
        </message>
        <message>
            <source>duplicate ACK</source>
            <translation>重复确认</translation>
        </message>
        <message>
            <source>zero window / window full</source>
            <translation>零窗口 / 窗口已满</translation>
        </message>
        <message>
            <source>SYN / FIN</source>
            <translation>SYN / FIN</translation>
        </message>
        <message>
            <source>segment</source>
            <translation>报文段</translation>
        </message>
        <message>
            <source>Packet captures, TCP conversations and flow graphs</source>
            <translation>数据包捕获、TCP 会话与流图</translation>
        </message>
        <message>
            <source>Capture file to open (pcap or pcapng)</source>
            <translation>要打开的捕获文件（pcap 或 pcapng）</translation>
        </message>
        <message>
            <source>Select packet N once loaded</source>
            <translation>加载完成后选中第 N 个数据包</translation>
        </message>
        <message>
            <source>N</source>
            <translation>N</translation>
        </message>
        <message>
            <source>Show the flow graph</source>
            <translation>显示流图</translation>
        </message>
        <message>
            <source>Open teaching mode on the selected packet's conversation, N steps in</source>
            <translation>在所选数据包所属的会话上打开教学模式，并前进 N 步</translation>
        </message>
        <message>
            <source>Interface language: en or zh_CN</source>
            <translation>界面语言：en 或 zh_CN</translation>
        </message>
        <message>
            <source>code</source>
            <translation>代码</translation>
        </message>
        <message>
            <source>Save a PNG of the window once the capture is loaded, then quit</source>
            <translation>捕获文件加载完成后将窗口保存为 PNG，然后退出</translation>
        </message>
        <message>
            <source>file</source>
            <translation>文件</translation>
        </message>
        <message>
            <source>Time opening, selecting and scrolling FILE, then quit</source>
            <translation>测量打开、选中和滚动 FILE 的耗时，然后退出</translation>
        </message>
        <message>
            <source>Interface to capture on</source>
            <translation>要在其上捕获的接口</translation>
        </message>
        <message>
            <source>name</source>
            <translation>名称</translation>
        </message>
        <message>
            <source>Start capturing at once</source>
            <translation>立即开始捕获</translation>
        </message>
        <message>
            <source>Capture filter (BPF)</source>
            <translation>捕获过滤器（BPF）</translation>
        </message>
        <message>
            <source>filter</source>
            <translation>过滤器</translation>
        </message>
        <message>
            <source>Stop capturing: duration:SECONDS, packets:N or filesize:KB</source>
            <translation>停止捕获的条件：duration:秒数、packets:N 或 filesize:KB</translation>
        </message>
        <message>
            <source>condition</source>
            <translation>条件</translation>
        </message>
        <message>
            <source>Window colours for this run: light or dark</source>
            <translation>本次运行的窗口配色：light 或 dark</translation>
        </message>
        <message>
            <source>Displays version information (with Qt's and libpcap's).</source>
            <translation>显示版本信息（含 Qt 和 libpcap 的版本）。</translation>
        </message>
        <message>
            <source>Open a TCP stream graph of the selected packet's stream: stevens, tcptrace, throughput, rtt or window</source>
            <translation>打开所选数据包所在流的 TCP 流图：stevens、tcptrace、throughput、rtt 或 window</translation>
        </message>
        <message>
            <source>kind</source>
            <translation>类型</translation>
        </message>
        <message>
            <source>Follow the selected packet's TCP stream</source>
            <translation>追踪所选数据包的 TCP 流</translation>
        </message>
        <message>
            <source>page</source>
            <translation>页面</translation>
        </message>
        <message>
            <source>With --teach: quiz mode, the Nth step's Seq, Ack and states hidden</source>
            <translation>与 --teach 一起使用：测验模式，第 N 步的 Seq、Ack 和状态被隐藏</translation>
        </message>
        <message>
            <source>The flow graph's and teaching mode's time axis: rows or proportional</source>
            <translation>流图和教学模式的时间轴：rows（按行）或 proportional（按时间比例）</translation>
        </message>
        <message>
            <source>scale</source>
            <translation>刻度</translation>
        </message>
        <message>
            <source>Show documentation addresses instead of the capture's real ones</source>
            <translation>以文档地址代替捕获中的真实地址</translation>
        </message>
        <message>
            <source>Open Edit → Preferences on a page: appearance, columns, font, layout, time or protocols</source>
            <translation>打开“编辑 → 首选项”的某一页：appearance、columns、font、layout、time 或 protocols</translation>
        </message>
        <message>
            <source>Time the Statistics and Analyze windows on FILE, then quit</source>
            <translation>计时 FILE 上的“统计”和“分析”窗口，然后退出</translation>
        </message>
    </context>
    <context>
        <name>QuizPanel</name>
        <message>
            <source>Seq:</source>
            <translation>Seq：</translation>
        </message>
        <message>
            <source>Ack:</source>
            <translation>Ack：</translation>
        </message>
        <message>
            <source>Sender:</source>
            <translation>发送方：</translation>
        </message>
        <message>
            <source>Receiver:</source>
            <translation>接收方：</translation>
        </message>
        <message>
            <source>Seq the class called out</source>
            <translation>学生说出的 Seq</translation>
        </message>
        <message>
            <source>Ack the class called out</source>
            <translation>学生说出的 Ack</translation>
        </message>
        <message>
            <source>Sender's new state the class called out</source>
            <translation>学生说出的发送方新状态</translation>
        </message>
        <message>
            <source>Receiver's new state the class called out</source>
            <translation>学生说出的接收方新状态</translation>
        </message>
        <message>
            <source>Reveal (R)</source>
            <translation>揭晓 (R)</translation>
        </message>
        <message>
            <source>Reveal the hidden Seq, Ack and states</source>
            <translation>揭晓隐藏的 Seq、Ack 和状态</translation>
        </message>
        <message>
            <source>Marks of the last step</source>
            <translation>上一步的评分</translation>
        </message>
        <message>
            <source>Quiz tally</source>
            <translation>测验计分</translation>
        </message>
        <message>
            <source>Right: %1 · Wrong: %2</source>
            <translation>对：%1 · 错：%2</translation>
        </message>
        <message>
            <source>%1 ✓</source>
            <translation>%1 ✓</translation>
        </message>
        <message>
            <source>%1 ✗</source>
            <translation>%1 ✗</translation>
        </message>
        <message>
            <source>Seq</source>
            <translation>Seq</translation>
        </message>
        <message>
            <source>Ack</source>
            <translation>Ack</translation>
        </message>
        <message>
            <source>sender</source>
            <translation>发送方</translation>
        </message>
        <message>
            <source>receiver</source>
            <translation>接收方</translation>
        </message>
        <message>
            <source>(no answers typed)</source>
            <translation>（未输入答案）</translation>
        </message>
    </context>
    <context>
        <name>ShortcutsDialog</name>
        <message>
            <source>Keyboard Shortcuts</source>
            <translation>键盘快捷键</translation>
        </message>
        <message>
            <source>Shortcut</source>
            <translation>快捷键</translation>
        </message>
        <message>
            <source>Action</source>
            <translation>操作</translation>
        </message>
        <message>
            <source>Menu</source>
            <translation>菜单</translation>
        </message>
    </context>
    <context>
        <name>StatisticsWindow</name>
        <message>
            <source>Limit to display filter (%1)</source>
            <translation>限制为显示过滤器 (%1)</translation>
        </message>
        <message>
            <source>Limit to display filter</source>
            <translation>限制为显示过滤器</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>状态</translation>
        </message>
        <message>
            <source>Counting…</source>
            <translation>正在统计…</translation>
        </message>
        <message>
            <source>Counting progress</source>
            <translation>统计进度</translation>
        </message>
    </context>
    <context>
        <name>StatusLine</name>
        <message>
            <source>Cancel</source>
            <translation>取消</translation>
        </message>
    </context>
    <context>
        <name>TcpRole</name>
        <message>
            <source>handshake 1/3 SYN</source>
            <translation>三次握手 1/3 SYN</translation>
        </message>
        <message>
            <source>handshake 2/3 SYN-ACK</source>
            <translation>三次握手 2/3 SYN-ACK</translation>
        </message>
        <message>
            <source>handshake 3/3 ACK</source>
            <translation>三次握手 3/3 ACK</translation>
        </message>
        <message>
            <source>handshake retry</source>
            <translation>握手重试</translation>
        </message>
        <message>
            <source>teardown retry FIN</source>
            <translation>挥手重试 FIN</translation>
        </message>
        <message>
            <source>simultaneous open</source>
            <translation>同时打开</translation>
        </message>
        <message>
            <source>data</source>
            <translation>数据</translation>
        </message>
        <message>
            <source>ack</source>
            <translation>确认</translation>
        </message>
        <message>
            <source>keep-alive</source>
            <translation>保活</translation>
        </message>
        <message>
            <source>teardown 1/4 FIN</source>
            <translation>四次挥手 1/4 FIN</translation>
        </message>
        <message>
            <source>teardown 1/3 FIN</source>
            <translation>三段式挥手 1/3 FIN</translation>
        </message>
        <message>
            <source>teardown 2/4 ACK</source>
            <translation>四次挥手 2/4 ACK</translation>
        </message>
        <message>
            <source>teardown 3/4 FIN</source>
            <translation>四次挥手 3/4 FIN</translation>
        </message>
        <message>
            <source>teardown 4/4 ACK</source>
            <translation>四次挥手 4/4 ACK</translation>
        </message>
        <message>
            <source>teardown 2/3 FIN-ACK</source>
            <translation>三段式挥手 2/3 FIN-ACK</translation>
        </message>
        <message>
            <source>teardown 3/3 ACK</source>
            <translation>三段式挥手 3/3 ACK</translation>
        </message>
        <message>
            <source>simultaneous close FIN</source>
            <translation>同时关闭 FIN</translation>
        </message>
        <message>
            <source>half-close data</source>
            <translation>半关闭后的数据</translation>
        </message>
        <message>
            <source>reset</source>
            <translation>重置</translation>
        </message>
        <message>
            <source>reset (connection refused)</source>
            <translation>重置（连接被拒绝）</translation>
        </message>
        <message>
            <source>SYN to a closed port</source>
            <translation>发往关闭端口的 SYN</translation>
        </message>
        <message>
            <source>simultaneous close ACK</source>
            <translation>同时关闭 ACK</translation>
        </message>
    </context>
    <context>
        <name>TcpStreamGraphWindow</name>
        <message>
            <source>No TCP stream %1 in this capture</source>
            <translation>此捕获中没有 TCP 流 %1</translation>
        </message>
        <message numerus="yes">
            <source>Stream %1: %2 (%n segment(s))</source>
            <translation>
                <numerusform>流 %1：%2（%n 个分段）</numerusform>
            </translation>
        </message>
        <message>
            <source>iRTT %1 ms</source>
            <translation>iRTT %1 毫秒</translation>
        </message>
        <message>
            <source>Segments</source>
            <translation>分段</translation>
        </message>
        <message>
            <source>Retransmissions</source>
            <translation>重传</translation>
        </message>
        <message>
            <source>Retransmitted segments</source>
            <translation>重传的分段</translation>
        </message>
        <message>
            <source>SACK blocks</source>
            <translation>SACK 块</translation>
        </message>
        <message>
            <source>Lost (not captured) segments</source>
            <translation>丢失（未捕获）的分段</translation>
        </message>
        <message>
            <source>ACK</source>
            <translation>确认 (ACK)</translation>
        </message>
        <message>
            <source>Receive window</source>
            <translation>接收窗口</translation>
        </message>
        <message>
            <source>Duplicate ACK</source>
            <translation>重复确认</translation>
        </message>
        <message>
            <source>Zero window</source>
            <translation>零窗口</translation>
        </message>
        <message>
            <source>Window full</source>
            <translation>窗口已满</translation>
        </message>
        <message>
            <source>SYN</source>
            <translation>SYN</translation>
        </message>
        <message>
            <source>FIN</source>
            <translation>FIN</translation>
        </message>
        <message>
            <source>RST</source>
            <translation>RST</translation>
        </message>
        <message>
            <source>Time (s)</source>
            <translation>时间（秒）</translation>
        </message>
        <message>
            <source>Sequence number (relative)</source>
            <translation>序列号（相对）</translation>
        </message>
        <message>
            <source>Throughput (%1 s average)</source>
            <translation>吞吐量（%1 秒平均）</translation>
        </message>
        <message>
            <source>Goodput (without retransmissions)</source>
            <translation>有效吞吐量（不含重传）</translation>
        </message>
        <message>
            <source>Bits per second</source>
            <translation>比特/秒</translation>
        </message>
        <message>
            <source>Round-trip time</source>
            <translation>往返时间</translation>
        </message>
        <message>
            <source>Round-trip time (ms)</source>
            <translation>往返时间（毫秒）</translation>
        </message>
        <message>
            <source>Receive window (calculated)</source>
            <translation>接收窗口（计算值）</translation>
        </message>
        <message>
            <source>Bytes in flight</source>
            <translation>在途字节数</translation>
        </message>
        <message>
            <source>receiver's window scale: ×%1 (shift %2)</source>
            <translation>接收方窗口缩放：×%1（移位 %2）</translation>
        </message>
        <message>
            <source>no window scaling</source>
            <translation>无窗口缩放</translation>
        </message>
        <message>
            <source>window scaling unknown (handshake not captured)</source>
            <translation>窗口缩放未知（未捕获握手）</translation>
        </message>
        <message>
            <source>Bytes</source>
            <translation>字节</translation>
        </message>
        <message>
            <source>Stream %1</source>
            <translation>流 %1</translation>
        </message>
        <message>
            <source>Time %1 s · sequence number %2</source>
            <translation>时间 %1 秒 · 序列号 %2</translation>
        </message>
        <message>
            <source>Time %1 s · %2 bits/s</source>
            <translation>时间 %1 秒 · %2 比特/秒</translation>
        </message>
        <message>
            <source>Sequence number %1 · RTT %2 ms</source>
            <translation>序列号 %1 · RTT %2 毫秒</translation>
        </message>
        <message>
            <source>Time %1 s · RTT %2 ms</source>
            <translation>时间 %1 秒 · RTT %2 毫秒</translation>
        </message>
        <message>
            <source>Time %1 s · %2 bytes</source>
            <translation>时间 %1 秒 · %2 字节</translation>
        </message>
        <message>
            <source>Unknown format “%1”: choose .png, .svg, .pdf or .csv</source>
            <translation>未知格式“%1”：请选择 .png、.svg、.pdf 或 .csv</translation>
        </message>
        <message>
            <source>could not write %1</source>
            <translation>无法写入 %1</translation>
        </message>
        <message>
            <source>Export Graph</source>
            <translation>导出图表</translation>
        </message>
        <message>
            <source>PNG image (*.png);;SVG image (*.svg);;PDF (*.pdf);;Values as CSV (*.csv)</source>
            <translation>PNG 图像 (*.png);;SVG 图像 (*.svg);;PDF (*.pdf);;数值 CSV (*.csv)</translation>
        </message>
        <message>
            <source>Export failed: %1</source>
            <translation>导出失败：%1</translation>
        </message>
        <message>
            <source>Exported to %1</source>
            <translation>已导出到 %1</translation>
        </message>
        <message>
            <source>Time-sequence (Stevens)</source>
            <translation>时间-序列号（Stevens）</translation>
        </message>
        <message>
            <source>Time-sequence (tcptrace)</source>
            <translation>时间-序列号（tcptrace）</translation>
        </message>
        <message>
            <source>Throughput</source>
            <translation>吞吐量</translation>
        </message>
        <message>
            <source>Window scaling</source>
            <translation>窗口缩放</translation>
        </message>
        <message>
            <source>Graph type</source>
            <translation>图表类型</translation>
        </message>
        <message>
            <source>Stream </source>
            <translation>流 </translation>
        </message>
        <message>
            <source>TCP stream</source>
            <translation>TCP 流</translation>
        </message>
        <message>
            <source>Switch Direction</source>
            <translation>切换方向</translation>
        </message>
        <message>
            <source>Switch direction</source>
            <translation>切换方向</translation>
        </message>
        <message>
            <source>Graph the data sent the other way</source>
            <translation>改为绘制反方向发送的数据</translation>
        </message>
        <message>
            <source>Average over</source>
            <translation>平均窗口</translation>
        </message>
        <message>
            <source>Moving average window</source>
            <translation>移动平均窗口</translation>
        </message>
        <message>
            <source>RTT by</source>
            <translation>RTT 横轴</translation>
        </message>
        <message>
            <source>time</source>
            <translation>时间</translation>
        </message>
        <message>
            <source>sequence number</source>
            <translation>序列号</translation>
        </message>
        <message>
            <source>Round-trip time axis</source>
            <translation>往返时间横轴</translation>
        </message>
        <message>
            <source>Compare with streams</source>
            <translation>与以下流比较</translation>
        </message>
        <message>
            <source>e.g. 3, 7</source>
            <translation>例如 3, 7</translation>
        </message>
        <message>
            <source>Streams to compare</source>
            <translation>要比较的流</translation>
        </message>
        <message>
            <source>Reset Zoom</source>
            <translation>重置缩放</translation>
        </message>
        <message>
            <source>Reset zoom</source>
            <translation>重置缩放</translation>
        </message>
        <message>
            <source>Drag a rectangle to zoom in, turn the wheel to zoom, drag with the right button or use the arrow keys to pan, 0 to see everything</source>
            <translation>拖出矩形放大，滚轮缩放，右键拖动或方向键平移，按 0 查看全部</translation>
        </message>
        <message>
            <source>Export…</source>
            <translation>导出…</translation>
        </message>
        <message>
            <source>Export graph</source>
            <translation>导出图表</translation>
        </message>
        <message>
            <source>TCP stream graph</source>
            <translation>TCP 流图</translation>
        </message>
        <message>
            <source>Graphed stream</source>
            <translation>所绘制的流</translation>
        </message>
        <message>
            <source>Values under the pointer</source>
            <translation>指针处的数值</translation>
        </message>
        <message>
            <source>first look: %1 of %2 packets, reading the rest…</source>
            <translation>先看一眼：%2 个数据包中的 %1 个，正在读取其余部分…</translation>
        </message>
    </context>
    <context>
        <name>Teaching</name>
        <message>
            <source>Its ports were used by an earlier connection: this SYN starts a new one.</source>
            <translation>它的端口曾被之前的连接使用：这个 SYN 发起的是一个新连接。</translation>
        </message>
        <message>
            <source>The capture missed a segment just before this one (its sequence numbers are skipped).</source>
            <translation>抓包漏掉了紧挨在它之前的一个报文段（中间的序列号被跳过了）。</translation>
        </message>
        <message>
            <source>It acknowledges data that the capture never saw.</source>
            <translation>它确认了抓包中从未出现过的数据。</translation>
        </message>
        <message>
            <source>Retransmission: this data was sent before and is sent again, because it or its ACK was lost.</source>
            <translation>重传：这些数据之前发送过，因为数据或它的 ACK 丢失而再次发送。</translation>
        </message>
        <message>
            <source>Fast retransmission: duplicate ACKs showed the data was lost, so it is sent again without waiting for a timeout.</source>
            <translation>快速重传：重复确认表明数据已丢失，于是不等超时就再次发送。</translation>
        </message>
        <message>
            <source>Spurious retransmission: the receiver had already acknowledged this data.</source>
            <translation>虚假重传：接收方早已确认过这些数据。</translation>
        </message>
        <message>
            <source>Out of order: it comes after segments that follow it in the byte stream.</source>
            <translation>乱序：它在字节流中排在前面，却比后面的报文段到得晚。</translation>
        </message>
        <message>
            <source>Duplicate ACK: the same Ack again, so the receiver is still waiting for that byte (a sign of loss).</source>
            <translation>重复确认：又是同一个 Ack，说明接收方仍在等待那个字节（丢包的迹象）。</translation>
        </message>
        <message>
            <source>Zero window: the receiver's buffer is full, and the sender must stop sending data.</source>
            <translation>零窗口：接收方的缓冲区已满，发送方必须停止发送数据。</translation>
        </message>
        <message>
            <source>Zero window probe: the receiver's window is zero, so the sender tests it with one byte.</source>
            <translation>零窗口探测：接收方窗口为零，发送方用一个字节试探它。</translation>
        </message>
        <message>
            <source>It answers a zero window probe: the window is still zero.</source>
            <translation>它回应零窗口探测：窗口仍然为零。</translation>
        </message>
        <message>
            <source>Window full: this data fills all the room the receiver announced.</source>
            <translation>窗口已满：这些数据占满了接收方通告的全部窗口。</translation>
        </message>
        <message>
            <source>Window update: only the window changed: the receiver announces a new size of it.</source>
            <translation>窗口更新：只有窗口变了，接收方通告了新的窗口大小。</translation>
        </message>
        <message>
            <source>Keep-alive: after a silence, it checks that the peer is still there.</source>
            <translation>保活：空闲一段时间后，检查对方是否还在。</translation>
        </message>
        <message>
            <source>It answers a keep-alive: the peer is still there.</source>
            <translation>它回应保活探测：对方还在。</translation>
        </message>
        <message>
            <source>%1: %2 sends [%3]</source>
            <translation>%1：%2 发送 [%3]</translation>
        </message>
        <message>
            <source> with %1 bytes of data</source>
            <translation>，携带 %1 字节数据</translation>
        </message>
        <message>
            <source>. </source>
            <translation>。</translation>
        </message>
        <message>
            <source>A SYN opens the connection and chooses a first sequence number (shown as 0). </source>
            <translation>SYN 发起连接，并选定初始序列号（这里显示为 0）。</translation>
        </message>
        <message>
            <source>Seq = %1 + %2: its %3 consumed one sequence number. </source>
            <translation>Seq = %1 + %2：它之前发送的 %3 占用了一个序列号。</translation>
        </message>
        <message>
            <source>Seq = %1 + %2: the bytes it sent before. </source>
            <translation>Seq = %1 + %2：加上它之前已发送的字节数。</translation>
        </message>
        <message>
            <source>Ack = %1 + %2: a %3 consumes one sequence number. </source>
            <translation>Ack = %1 + %2：%3 占用一个序列号。</translation>
        </message>
        <message>
            <source>Ack = %1 + %2: the next byte expected. </source>
            <translation>Ack = %1 + %2：即期望收到的下一个字节。</translation>
        </message>
        <message>
            <source>FIN: this side has no more data to send. </source>
            <translation>FIN：这一端已没有数据要发送。</translation>
        </message>
        <message>
            <source>RST aborts the connection at once. </source>
            <translation>RST 立即中止连接。</translation>
        </message>
        <message>
            <source>Now %1 is %2 and %3 is %4.</source>
            <translation>现在 %1 处于 %2 状态，%3 处于 %4 状态。</translation>
        </message>
        <message>
            <source>Its SYN chooses this side's own initial sequence number, independent of the peer's: Seq = 0 is that number shown relative to itself (the real one is random).</source>
            <translation>它的 SYN 选定本端自己的初始序列号，与对端的无关：Seq = 0 就是这个号码的相对显示（实际号码是随机的）。</translation>
        </message>
        <message>
            <source>Nothing listens on that port, so no handshake begins: the answer will be a RST.</source>
            <translation>该端口上没有程序在监听，所以握手不会开始：回应将是 RST。</translation>
        </message>
        <message>
            <source>This RST refuses the connection: nothing listens on that port.</source>
            <translation>这个 RST 拒绝了连接：该端口上没有程序在监听。</translation>
        </message>
        <message>
            <source>Both sides sent a FIN before receiving the other's (simultaneous close): each goes from FIN-WAIT-1 to CLOSING, or to FIN-WAIT-2 if its own FIN is acknowledged first, then to TIME-WAIT.</source>
            <translation>双方都在收到对方的 FIN 之前发出了自己的 FIN（同时关闭）：每一端从 FIN-WAIT-1 进入 CLOSING（若自己的 FIN 先被确认则进入 FIN-WAIT-2），然后进入 TIME-WAIT。</translation>
        </message>
        <message>
            <source>On the way %1 passed through %2: this segment acknowledges its FIN and carries a FIN too.</source>
            <translation>途中 %1 经过了 %2：这个报文段既确认了它的 FIN，又带有一个 FIN。</translation>
        </message>
        <message>
            <source>%1 is in an unknown state: the capture began after this connection opened (no SYN of it was captured).</source>
            <translation>%1 的状态未知：抓包在这个连接建立之后才开始（没有抓到它的 SYN）。</translation>
        </message>
        <message>
            <source>%1 is in an unknown state: nothing it sent was captured.</source>
            <translation>%1 的状态未知：它发送的内容一个也没有被抓到。</translation>
        </message>
        <message>
            <source>%1 is in an unknown state: it was not listening (its own SYN crosses this one), and the capture cannot tell whether it had begun to connect yet.</source>
            <translation>%1 的状态未知：它并没有在监听（它自己的 SYN 与这个 SYN 交错而过），抓包无法判断它当时是否已开始连接。</translation>
        </message>
        <message>
            <source>On the way %1 passed through %2: its ACK shows it had received the peer's FIN, and it sends its own FIN.</source>
            <translation>途中 %1 经过了 %2：它的 ACK 表明它已收到对端的 FIN，并且它发出了自己的 FIN。</translation>
        </message>
        <message>
            <source>On the way %1 passed through %2: its SYN/ACK was not captured, but this ACK answers it.</source>
            <translation>途中 %1 经过了 %2：它的 SYN/ACK 没有被抓到，但这个 ACK 是对它的回应。</translation>
        </message>
    </context>
    <context>
        <name>TrafficTableModel</name>
        <message>
            <source>Address A</source>
            <translation>地址 A</translation>
        </message>
        <message>
            <source>Port A</source>
            <translation>端口 A</translation>
        </message>
        <message>
            <source>Address B</source>
            <translation>地址 B</translation>
        </message>
        <message>
            <source>Port B</source>
            <translation>端口 B</translation>
        </message>
        <message>
            <source>Packets</source>
            <translation>分组</translation>
        </message>
        <message>
            <source>Bytes</source>
            <translation>字节</translation>
        </message>
        <message>
            <source>Packets A → B</source>
            <translation>分组 A → B</translation>
        </message>
        <message>
            <source>Bytes A → B</source>
            <translation>字节 A → B</translation>
        </message>
        <message>
            <source>Packets B → A</source>
            <translation>分组 B → A</translation>
        </message>
        <message>
            <source>Bytes B → A</source>
            <translation>字节 B → A</translation>
        </message>
        <message>
            <source>Rel Start</source>
            <translation>相对起始</translation>
        </message>
        <message>
            <source>Duration</source>
            <translation>持续时间</translation>
        </message>
        <message>
            <source>Bits/s A → B</source>
            <translation>比特/秒 A → B</translation>
        </message>
        <message>
            <source>Bits/s B → A</source>
            <translation>比特/秒 B → A</translation>
        </message>
        <message>
            <source>Completeness</source>
            <translation>完整性</translation>
        </message>
        <message>
            <source>Retransmissions</source>
            <translation>重传</translation>
        </message>
        <message>
            <source>RTT avg (ms)</source>
            <translation>RTT 平均 (毫秒)</translation>
        </message>
        <message>
            <source>RTT min (ms)</source>
            <translation>RTT 最小 (毫秒)</translation>
        </message>
        <message>
            <source>RTT max (ms)</source>
            <translation>RTT 最大 (毫秒)</translation>
        </message>
        <message>
            <source>iRTT (ms)</source>
            <translation>iRTT (毫秒)</translation>
        </message>
        <message>
            <source>Address</source>
            <translation>地址</translation>
        </message>
        <message>
            <source>Port</source>
            <translation>端口</translation>
        </message>
        <message>
            <source>Tx Packets</source>
            <translation>发送分组</translation>
        </message>
        <message>
            <source>Tx Bytes</source>
            <translation>发送字节</translation>
        </message>
        <message>
            <source>Rx Packets</source>
            <translation>接收分组</translation>
        </message>
        <message>
            <source>Rx Bytes</source>
            <translation>接收字节</translation>
        </message>
    </context>
    <context>
        <name>TrafficWindow</name>
        <message>
            <source>Conversations</source>
            <translation>会话</translation>
        </message>
        <message>
            <source>Endpoints</source>
            <translation>端点</translation>
        </message>
        <message>
            <source>Copy as CSV</source>
            <translation>复制为 CSV</translation>
        </message>
        <message>
            <source>Copy as YAML</source>
            <translation>复制为 YAML</translation>
        </message>
        <message>
            <source>Apply as Filter</source>
            <translation>作为过滤器应用</translation>
        </message>
        <message>
            <source>Flow Graph</source>
            <translation>流量图</translation>
        </message>
        <message>
            <source>Teaching Mode</source>
            <translation>教学模式</translation>
        </message>
        <message>
            <source>Follow TCP Stream</source>
            <translation>追踪 TCP 流</translation>
        </message>
        <message>
            <source>TCP Stream Graph</source>
            <translation>TCP 流图</translation>
        </message>
    </context>
    <context>
        <name>WelcomePage</name>
        <message>
            <source>&lt;h1&gt;SynFlow&lt;/h1&gt;&lt;p&gt;Open a capture to see its packets, its TCP conversations and how each one went. Drop a pcap or pcapng file anywhere on this window.&lt;/p&gt;</source>
            <translation>&lt;h1&gt;SynFlow&lt;/h1&gt;&lt;p&gt;打开一个捕获文件，查看其中的数据包、TCP 会话以及每个会话的完整过程。也可以将 pcap 或 pcapng 文件拖放到本窗口的任意位置。&lt;/p&gt;</translation>
        </message>
        <message>
            <source>Open a capture…</source>
            <translation>打开捕获文件…</translation>
        </message>
        <message>
            <source>Open the demo capture (one clean TCP connection)</source>
            <translation>打开示例捕获（一条无异常的 TCP 连接）</translation>
        </message>
        <message>
            <source>Recent captures:</source>
            <translation>最近的捕获：</translation>
        </message>
        <message>
            <source>Capture live: double-click an interface (the line shows its traffic)</source>
            <translation>实时捕获：双击一个接口（曲线显示其流量）</translation>
        </message>
        <message>
            <source>Capture options…</source>
            <translation>捕获选项…</translation>
        </message>
    </context>
</TS>