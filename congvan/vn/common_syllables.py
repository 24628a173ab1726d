"""Common Vietnamese syllables, for telling a short legacy-font text from real Vietnamese.

Some legacy-font words are Vietnamese syllables as they stand: TCVN3 ``Côm sè``
(``Cụm số``), ``Vò`` (``Vũ``); VNI ``Xaõ`` (``Xã``). Only how common each
reading is tells them apart: the syllables below (those with a letter outside
ASCII, from the words of official letters, names and place names) are the
"common" ones. The list need not be complete: a word missing from it only
makes the evidence weaker, never a false alarm on its own.
"""

COMMON = frozenset("""
biên biến biết biệt buộc bà bài bàn bày bá bác bán báo bé bên bình bích bó bùi băm bưu bước bưởi
bạch bạn bản bảng bảo bảy bắc bắt bằng bế bến bị bỏ bố bốn bồ bồi bổ bộ bờ bụi bữa chiến chiếu
chuyên chuyển chuẩn cháu chè chép chí chín chính chó chóng chùa chú chưa chương chạy chấm chấp
chậm chế chỉ chị chịu chỗ chờ chợ chủ chứa chức chứng chữ cuối cuộc cài càng cá các cách cái cán
cáo cáp câu còn có cô công cõi cù cùng cúc căn cũ cũng cơ cư cường cạnh cả cảm cảnh cấm cấp cầm
cần cầu cẩm cập cỏ cố cốc cối cồn cổ cổng cội cộng cột cỡ cụ cụm của cứ cứu cừ cửa cự cực cựu
diễn diệp diệu duyệt duẩn dân dãy dê dì dò dòng dõi dùng dũ dũng dương dưới dưỡng dạng dạy
dấu dầu dẫn dế dễ dị dịch dịp dịu dọc dụ dục dụng dừa dừng dữ dự dựng ghép giàng giàu giá giáo
giây giò gió giúp giải giấc giấy giỏi giống giỗ giờ giữ giữa gà gái gì gò góc gõ gạch gấp gần
gọi gốc gốm gỗ gộp gợi gửi hiếu hiền hiển hiện hiệp hiệu hoà hoàn hoàng hoá hoạch hoạt hoặc
huyền huyện huấn huế huỳnh hà hài hàng hành hãy hè hình hòa hòn hóa hùng hưng hương hướng hạ hạn
hạnh hải hằng hẹn hết hệ hệt họ học hỏi hố hồ hồng hổ hỗ hộ hội hỡi hợi hợp hứa hữu khoản khá
khác khê khó khói không khẩn khắc khỏe khối khổ khổng khởi kiêm kiên kiến kiều kiểm kiện kè kèm
kéo kê kênh kính ký kạn kẻ kế kết kể kịp kỳ kỷ kỹ liên liền liệt liệu loại là làm lào lá lâm lão
lê lên lì lò lòng lô lõi lùn lúa lúc lý lũ lũy lưu lưới lượm lượng lạ lạc lại lạng lấy lần lập
lặp lề lễ lệ lệnh lọ lối lồng lỗ lỗi lộ lộc lớn lớp lời lợi lụa lục lụt lửa lực miễn mà má mát
máy mã mãi mé mì mình mía môi môn mõ mù mùa mũ mũi mưa mưu mạ mạng mạnh mất mẫu mặc mặt mẹ mễ
mọi mỏ mồ mổ mỗi mộ mộc một mới mời mở mỡ mục mức mừng mỹ nghiệp nghè nghé nghĩa nghệ nghị
nguyên nguyễn ngành ngày ngói ngô ngõ ngũ người ngắn ngọ ngọc ngồi ngụ ngủ ngữ nhiệm nhà nhân
nhã nhè nhì nhóm như nhưng nhất nhận nhật nhắn nhỏ nhớ nhờ những niên nà nàng nào này ná
nâng nãy nè ném nén nêu nó nông nùng núi năm năng nơi nước nằm nẻ nếu nền nọ nối nồi nổi nỗ nội
nộp nợ nứa nữ phiên pháo pháp phát phân phê phí phò phòng phó phông phù phùng phú phúc phương
phước phường phượng phải phản phần phặc phố phối phổ phụ phục phủ pò quyết quyền quà quá quách
quán quãng quê quý quả quản quảng quế quốc quỳnh riêng rà rào rá rõ rùa rưỡi rượu rễ rồ rồi rổ
rộ rộng rừng soát soạn suất sà sách sánh sáu sò sóng sô sông sơ sơn sư sạch sả sẵn sẽ sỏi số sổ
sớm sở sứ sức sử sửa sữa sự sỹ thiện thoát thoại thuật thuế thành thái tháng thêm thì thìa thí
thôi thôn thông thùy thú thúc thúy thơ thư thưa thương thường thượng thạch thảo thẩm thắm thắng
thẳng thẻ thế thể thị thịt thọ thỏ thống thổ thớ thờ thời thợ thụ thủ thủy thứ thức thừa thử
thửa thực tiêu tiến tiếng tiếp tiết tiền toàn triển triệt triệu truyền trà trách trái trên trì
trình trí trích trò trúc trăm trũng trương trước trường trưởng trần trận trẻ trễ trị trịnh trọ
trọng trống trời trở trợ trụ trứng trừ trữ trực tuyên tuyến tuyết tuấn tuần tuệ tuổi tài tàu tá
tác tám tâm tân tên tích tóc tô tùng tú tý tơ tư tạ tại tạo tảng tấn tấu tần tầng tập tế tệp
tỉ tỉnh tịch tỏ tố tốc tối tốt tồn tổ tổng tội tới tờ tụ tục tụng tứ từ từng tử tửu tự tỷ uỷ
viên viết việc viện việt và vàng vào vân vì ví vòng vó vô võ vù vùng vú văn vũ vương vườn vượng
vạc vải vấn vẫn vận vẽ về vệ vị vỏ vốn vỗ với vợ vụ vừa vững vực vỹ xuyên xuân xuất xá xác xây
xã xéo xóa xóm xô xõa xưa xưởng xạ xẻ xổ xứ xử yên yêu yến yếu án ánh ít ô ùa ú út úy ý điền
điều điểm điện đo đoàn đoạn đuốc đàn đào đá đánh đáp đâu đây đã đè đèn đê đích đính đò đó đóng
đô đôn đông đúng đăng đĩa đũa đơn đưa đường được đại đạo đảm đảng đấy đầu đầy đẩy đậm đẹp đến đề
đều để đỉnh địa định đọc đỏ đốc đối đồng đổi đỗ độ độc động đỡ đủ đứa đức đứng đừng đực ơn ạ ạnh
ảnh ấy ốc ối ốm ổ ở ụ ủ ủng ủy ứng ừ ửng
""".split())
