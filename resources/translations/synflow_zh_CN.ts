<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Teaching</name>
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
</context>
<context>
    <name>ProjectorWindow</name>
    <message>
        <source>SynFlow — teaching mode</source>
        <translation>SynFlow — 教学模式</translation>
    </message>
    <message>
        <source>Space/→ next · ←/Backspace back · Home restart · P play · D dark/light · Esc leave</source>
        <translation>空格/→ 下一步 · ←/退格 上一步 · Home 重新开始 · P 自动播放 · D 深色/浅色 · Esc 退出</translation>
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
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>&amp;Teaching Mode (Projector)</source>
        <translation>教学模式（投影）(&amp;T)</translation>
    </message>
    <message>
        <source>Teaching mode</source>
        <translation>教学模式</translation>
    </message>
    <message>
        <source>Select a TCP packet first: teaching mode shows its conversation.</source>
        <translation>请先选择一个 TCP 报文：教学模式将展示它所在的连接。</translation>
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
        <source>The menus change at the next start; new windows use the language now.</source>
        <translation>菜单将在下次启动时更新；新打开的窗口立即使用该语言。</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>跳转(&amp;G)</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>打开(&amp;O)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <source>Open &amp;Demo Capture</source>
        <translation>打开示例抓包(&amp;D)</translation>
    </message>
</context>
<context>
    <name>FlowView</name>
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
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
</context>
</TS>
